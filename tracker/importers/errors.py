"""The one error the import layer raises: its message is shown to the user as is."""


class ImportFormatError(ValueError):
    """A file or text that cannot be imported; `message` is a user-facing Spanish sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
