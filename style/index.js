import './base.css';
import './intercept.css';
import './tools.css';
