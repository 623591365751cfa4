import './base.css';
import './intercept.css';
