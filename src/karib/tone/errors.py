"""Errors raised for input the engine cannot read."""

from __future__ import annotations


class ToneInputError(ValueError):
    """Input that cannot be parsed; names the file and, when known, the line."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message, self.file, self.line))


class RoleError(ToneInputError):
    """The speakers' roles (agent or customer) cannot be decided."""


def _rebuild(
    cls: type[ToneInputError], message: str, file: str | None, line: int | None
) -> ToneInputError:
    return cls(message, file=file, line=line)
