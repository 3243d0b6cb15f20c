class OperationError(ValueError):
    """A change the rules refuse; `message` is already translated for the user.

    `field` names the form field the message belongs next to, when there is one.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(OperationError):
    """The actor may not make this change."""
