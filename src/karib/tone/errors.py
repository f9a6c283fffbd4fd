"""Errors raised for input the engine cannot read."""

from __future__ import annotations

from collections.abc import Iterable


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
    """The speakers' roles (agent or customer) cannot be decided.

    ``speakers`` lists the speakers of the conversation (in order of first appearance,
    system speakers left out) as data, so a caller can offer them as choices without
    parsing the message.
    """

    def __init__(
        self,
        message: str,
        *,
        speakers: Iterable[str] = (),
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        self.speakers: list[str] = list(speakers)
        super().__init__(message, file=file, line=line)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_role, (self.message, self.speakers, self.file, self.line))


def _rebuild(
    cls: type[ToneInputError], message: str, file: str | None, line: int | None
) -> ToneInputError:
    return cls(message, file=file, line=line)


def _rebuild_role(
    message: str, speakers: list[str], file: str | None, line: int | None
) -> RoleError:
    return RoleError(message, speakers=speakers, file=file, line=line)
