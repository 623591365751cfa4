"""tf-keras 2.x for the summary hook (placeholder until its builder lands)."""
from .summary_hook import Framework


class TfKeras(Framework):
    name = "tf_keras"

    def interactive(self):
        from tf_keras.src.utils import io_utils

        return io_utils.is_interactive_logging_enabled()

    def build_payload(self, model, options, text):
        raise NotImplementedError
