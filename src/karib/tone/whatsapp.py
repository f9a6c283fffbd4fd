# ruff: noqa: RUF001  # Turkish placeholders are spelt with the dotless i on purpose
"""Reading WhatsApp chat exports of every platform, locale, date order and clock.

Two passes over the lines, both in constant memory: :func:`date_order` reads only the message
headers and decides, for the whole file, whether dates are day-first, month-first or
year-first and on what evidence; :func:`iter_messages` then yields one :class:`ChatMessage`
per message, media placeholder or event. Without evidence the order is a guess, and
``DateOrder.evidence`` is ``None`` so the import step can ask (``parse(date_order="strict")``
raises :class:`AmbiguousDateOrder` instead of guessing).
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Literal

from karib.tone.errors import ToneInputError

Order = Literal["dmy", "mdy", "ymd"]
Evidence = Literal["field", "attachment", "order", "locale", "user"]
UNNAMED = "(unnamed)"
MessageKind = Literal["message", "media", "deleted", "view_once", "call", "event"]

# Marks WhatsApp (and editors) put anywhere: BOM, bidi marks and embeddings, zero-width space.
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES_RE = re.compile("[\u00a0\u202f\u2007\u2009]")

# Hungarian, Korean and Czech put a space after each dot: "2018. 06. 13." and "13. 6. 2018".
_DATE = r"(?P<a>\d{1,4})(?P<s>[/.\-])[ ]?(?P<b>\d{1,2})(?P=s)[ ]?(?P<c>\d{2,4})\.?"
_TIME = (
    r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<se>\d{2}))?"
    r"(?:[ _]*(?P<mer>[AaPp]\.?[ ]?[Mm]\.?|vorm\.|nachm\.|öö|ös|\u0635|\u0645|PTG|PG|ptg|pg))?"
)
# Chinese and Korean write the half of the day before the time: "下午9:25", "오후 9:25".
_BEFORE_TIME = r"(?:(?P<pre>上午|下午|凌晨|早上|中午|晚上|오전|오후)[ ]?)?"
_STAMP = rf"{_DATE}[,\u060c]?[ ]*(?:at[ ]|um[ ]|à[ ]|klo[ ])?[ ]*{_BEFORE_TIME}{_TIME}"
_TAIL = r"(?:[ ]*[-\u2013][ ]+(?P<android>.*)|:[ ](?P<old>.*)|[ ]*[-\u2013][ ]*$)"
_HEADER_RE = re.compile(rf"^(?P<bracket>\[)?{_STAMP}(?(bracket)\][ ]?(?P<ios>.*)|{_TAIL})")
# Vietnamese iOS writes the time first: "[21:41:35, 3/27/22] Name: text".
_TIME_FIRST_RE = re.compile(rf"^(?P<bracket>\[){_TIME}[,\u060c]?[ ]*{_DATE}\][ ]?(?P<ios>.*)")


def _match(line: str) -> re.Match[str] | None:
    return _HEADER_RE.match(line) or _TIME_FIRST_RE.match(line)


def clean(line: str) -> str:
    """A line without invisible marks, with special spaces made plain."""
    return _SPACES_RE.sub(" ", _INVISIBLE_RE.sub("", line))


def speaker_key(name: str) -> str:
    """How a speaker is compared: without invisible marks, iOS's ``~`` or case."""
    return " ".join(clean(name).strip().lstrip("~").split()).casefold()


def speaker_name(name: str) -> str:
    """A speaker as shown: the name as written, without invisible marks or the ``~`` marker."""
    return " ".join(clean(name).strip().lstrip("~").split())


def is_header(line: str) -> bool:
    return _match(clean(line)) is not None


# --- date order --------------------------------------------------------------------------------

_ATTACHMENT_RE = re.compile(
    r"(?:IMG|VID|AUD|PTT|STK|DOC)-(\d{4})(\d{2})(\d{2})-WA\d+"
    r"|\d{8}-(?:PHOTO|VIDEO|AUDIO|STICKER|GIF)-(\d{4})-(\d{2})-(\d{2})-"
)
# Words only a day-first locale writes (system lines and placeholders of id, de, es, pt, tr,
# nl, fr exports): their presence settles the order when the numbers do not.
_DAY_FIRST_WORDS_RE = re.compile(
    r"terenkripsi|tidak disertakan|menghapus pesan|pesan ini|Ende-zu-Ende|weggelassen|"
    r"ausgeschlossen|gelöscht|de extremo a extremo|omitid[oa]|eliminado|"
    r"de ponta a ponta|ocult[oa]|apagad[oa]|uçtan uca|dahil edilmedi|silindi|"
    r"eind-tot-eind|end-to-end versleuteld|weggelaten|verwijderd|de bout en bout|\bomis\b|"
    r"supprimé|<Medien|<Multimedia|<Mídia|<Medya",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How a file writes its dates, and what showed it (``None``: a guess, to be asked)."""

    order: Order
    evidence: Evidence | None
    example: str = ""


class AmbiguousDateOrder(ToneInputError):
    """The file's dates read both day-first and month-first; the user must choose."""

    def __init__(self, example: str, *, file: str | None = None, line: int | None = None) -> None:
        self.example = example
        super().__init__(
            f"the dates (e.g. {example}) read as day/month and as month/day; "
            "choose the date order (dmy or mdy)",
            file=file,
            line=line,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_ambiguous, (self.example, self.file, self.line))


def _rebuild_ambiguous(example: str, file: str | None, line: int | None) -> AmbiguousDateOrder:
    return AmbiguousDateOrder(example, file=file, line=line)


class UnsupportedDateLayout(ToneInputError):
    """A line that starts like a WhatsApp header, with a date written in a layout not read."""

    def __init__(self, example: str, *, file: str | None = None, line: int | None = None) -> None:
        self.example = example
        super().__init__(
            f"this WhatsApp date layout is not supported yet (e.g. {example})",
            file=file,
            line=line,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unsupported, (self.example, self.file, self.line))


def _rebuild_unsupported(example: str, file: str | None, line: int | None) -> UnsupportedDateLayout:
    return UnsupportedDateLayout(example, file=file, line=line)


# A first line that looks like a header ("[2018/6/13 ...", "13. 6. 2018 ...") but is not read.
_DATE_LIKE_RE = re.compile(r"^\[?\d{1,4}[/.\-][ ]?\d{1,4}[/.\-]")


def _valid(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    return (year, month, day)


def _year(text: str) -> int:
    year = int(text) + 2000 if len(text) <= 2 else int(text)
    return year - 543 if year > 2400 else year  # Thai exports count from the Buddha (BE)


def date_order(lines: Iterable[str]) -> DateOrder:
    """Decide the date order of a whole export from its headers (one pass, constant memory)."""
    first_over = second_over = 0
    votes = {"dmy": 0, "mdy": 0}
    backwards = {"dmy": 0, "mdy": 0}
    previous: dict[str, tuple[int, int, int] | None] = {"dmy": None, "mdy": None}
    locale = year_first = False
    meridiem = False
    example = ""
    for raw in lines:
        line = clean(raw)
        match = _match(line)
        if match is None:
            continue
        groups = match.groupdict()
        if len(groups["a"]) == 4:
            year_first = True
            continue
        first, second, year = int(groups["a"]), int(groups["b"]), _year(groups["c"])
        if groups["s"] == "." or (groups["mer"] and " " in groups["mer"].strip(". ")):
            locale = True  # 12.03.20 and "p. m." are written by day-first locales only
        meridiem = meridiem or bool(groups["mer"])
        if first > 12:
            first_over += 1
        if second > 12:
            second_over += 1
        if not example and first != second and first <= 12 and second <= 12:
            example = f"{groups['a']}{groups['s']}{groups['b']}{groups['s']}{groups['c']}"
        body = groups.get("ios") or groups.get("android") or groups.get("old") or ""
        said = body.partition(": ")[2]
        if _DAY_FIRST_WORDS_RE.search(body) and (not said or classify(said)[0] != "message"):
            locale = True  # a system line or placeholder in a day-first language
        for found in _ATTACHMENT_RE.finditer(body):
            digits = [d for d in found.groups() if d]
            month, day = int(digits[1]), int(digits[2])
            if month != day:
                if (first, second) == (day, month):
                    votes["dmy"] += 1
                elif (first, second) == (month, day):
                    votes["mdy"] += 1
        for order, (day, month) in (("dmy", (first, second)), ("mdy", (second, first))):
            current = _valid(year, month, day)
            last = previous[order]
            if current is not None and last is not None and current < last:
                backwards[order] += 1
            if current is not None:
                previous[order] = current
    if year_first:
        return DateOrder("ymd", "field")
    if first_over and not second_over:
        return DateOrder("dmy", "field", example)
    if second_over and not first_over:
        return DateOrder("mdy", "field", example)
    if votes["dmy"] != votes["mdy"]:
        return DateOrder("dmy" if votes["dmy"] > votes["mdy"] else "mdy", "attachment", example)
    if backwards["dmy"] != backwards["mdy"]:
        best: Order = "dmy" if backwards["dmy"] < backwards["mdy"] else "mdy"
        return DateOrder(best, "order", example)
    if locale:
        return DateOrder("dmy", "locale", example)
    if not example:  # every date reads the same both ways (1/1/24, 5/5/24 ...)
        return DateOrder("dmy", "field")
    # No evidence: the most common habit of each clock, reported as a guess.
    return DateOrder("mdy" if meridiem else "dmy", None, example)


# --- messages ----------------------------------------------------------------------------------

_ATTACHED = (
    r"\((?:file attached|file terlampir|Datei angehängt|archivo adjunto|arquivo anexado|"
    r"ficheiro anexado|dosya ekli|bestand bijgevoegd|fichier joint)\)$|(?:^|\s)<(?:attached|"
    r"terlampir|angehängt|adjunto|anexado|eklendi|bijgevoegd|pièce jointe): [^>]+>$"
)
# iOS names a document before its placeholder: "KTP.pdf • 7 halaman dokumen tidak disertakan",
# "Invoice.pdf • 2 pages document omitted" (the bullet keeps a person's sentence out).
_DOCUMENT = (
    r"•.{0,80}?(?:^|\s)(?:document omitted|dokumen tidak disertakan|dokument weggelassen|"
    r"documento omitid[oa]|documento ocultad[oa]|belge dahil edilmedi|document weggelaten|"
    r"document omis)$"
)
# A message that could not be decrypted yet (Android and iOS).
_WAITING = (
    r"^(?:waiting for this message|menunggu pesan ini|warten auf diese nachricht|"
    r"esperando (?:este|el) mensaje|aguardando (?:esta|a) mensagem|bu mesaj bekleniyor|"
    r"wachten op dit bericht|en attente de ce message)\b[.,]?(?:\s.*)?$"
)
_KIND_SOURCES: tuple[tuple[MessageKind, str, str], ...] = (
    (
        "view_once",
        "view_once",
        r"view once|sekali lihat|einmal ansehen|einmalige ansicht|ver una vez|"
        r"visualização única|tek seferlik|eenmalig|vue unique",
    ),
    (
        "deleted",
        "deleted",
        r"^(?:this message was deleted|you deleted this message|pesan ini (?:telah )?dihapus|"
        r"anda menghapus pesan ini|diese nachricht wurde gelöscht|du hast diese nachricht "
        r"gelöscht|se eliminó este mensaje|este mensaje fue eliminado|eliminaste este mensaje|"
        r"(?:essa|esta) mensagem foi apagada|mensagem apagada|você apagou esta mensagem|"
        r"apagou esta mensagem|bu mesaj silindi|bu mesajı sildiniz|dit bericht is "
        r"verwijderd|je hebt dit bericht verwijderd|u heeft dit bericht verwijderd|"
        r"ce message a été supprimé|vous avez supprimé ce message|message supprimé)\.?$",
    ),
    (
        "media",
        "media",
        r"^(?:<(?:media omitted|media tidak disertakan|medien ausgeschlossen|medien weggelassen"
        r"|multimedia omitido|archivo omitido|mídia oculta|arquivo de mídia oculto|medya dahil "
        r"edilmedi|media weggelaten|médias omis|fichier omis)>|(?:image|video|audio|sticker|"
        r"gif|document|contact card|photo|voice message)s? omitted|(?:gambar|video|audio|"
        r"stiker|gif|dokumen|kartu kontak|foto|pesan suara) (?:tidak disertakan|dihapus)|"
        r"(?:bild|video|audio|sticker|gif|dokument|kontaktkarte|foto) weggelassen|"
        r"(?:imagen|video|audio|sticker|gif|documento|tarjeta de contacto) omitid[oa]|"
        r"(?:imagem|vídeo|áudio|figurinha|gif|documento|cartão de contato) (?:ocultad[oa]|"
        r"omitid[oa]|oculto|oculta)|(?:görüntü|video|ses|çıkartma|gif|belge|kişi kartı) dahil "
        r"edilmedi|(?:afbeelding|video|audio|sticker|gif|document|contactkaart) weggelaten|"
        r"(?:image|vidéo|audio|autocollant|gif|document|fiche contact) (?:absente?|omise?)|"
        r"null|location: https?://\S+|lokasi: https?://\S+)$|" + _ATTACHED + "|" + _DOCUMENT,
    ),
    ("media", "waiting", _WAITING),
    (
        "call",
        "missed_call",
        r"^(?:missed (?:voice|video|group voice|group video) call|panggilan (?:suara|video) "
        r"(?:tak|tidak) terjawab|verpasster (?:sprach|video)anruf|llamada (?:de voz |de video "
        r")?perdida|videollamada perdida|chamada de (?:voz|vídeo) perdida|cevapsız "
        r"(?:sesli|görüntülü) arama|gemiste (?:spraak|video)oproep|appel (?:vocal|vidéo) "
        r"manqué)\.?(?:\s.*)?$",
    ),
)
_KIND_PATTERNS = tuple(
    (kind, event, re.compile(pattern, re.IGNORECASE)) for kind, event, pattern in _KIND_SOURCES
)
_ANY_KIND_RE = re.compile(
    "|".join(f"(?:{pattern})" for _kind, _event, pattern in _KIND_SOURCES), re.IGNORECASE
)
_EVENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (event, re.compile(pattern, re.IGNORECASE))
    for event, pattern in (
        (
            "encryption",
            r"end-to-end|ende-zu-ende|de extremo a extremo|de ponta a ponta|uçtan uca|"
            r"eind-tot-eind|de bout en bout|terenkripsi|dienkripsi",
        ),
        (
            "group_created",
            r"created (?:the |this )?group|membuat grup|hat die gruppe .*erstellt|"
            r"creó (?:el|este) grupo|criou (?:o|este) grupo|grubunu oluşturdu|grup oluşturdu|"
            r"heeft (?:de )?groep .*aangemaakt|heeft deze groep aangemaakt|a créé (?:le|ce) groupe",
        ),
        (
            "subject_changed",
            r"changed the (?:subject|group name)|changed this group's (?:subject|name)|"
            r"mengubah (?:subjek|nama grup)|hat den betreff|hat den gruppennamen|"
            r"cambió el (?:asunto|nombre)|mudou o (?:assunto|nome)|konuyu|grup adını|"
            r"heeft het onderwerp|heeft de groepsnaam|a modifié le (?:sujet|nom)",
        ),
        (
            "icon_changed",
            r"changed (?:this|the) group(?:'s)? (?:icon|photo)|deleted this group's icon|"
            r"mengubah (?:ikon|foto) grup|menghapus ikon grup|hat das gruppenbild|"
            r"cambió (?:el ícono|la imagen|la foto) del grupo|mudou (?:a imagem|o ícone) do grupo|"
            r"grup (?:simgesini|resmini) değiştirdi|heeft de groepsafbeelding|"
            r"a changé (?:l'icône|la photo) (?:du|de ce) groupe",
        ),
        (
            "description_changed",
            r"changed the group description|mengubah deskripsi grup|gruppenbeschreibung|"
            r"descripción del grupo|descrição do grupo|grup açıklamasını|groepsbeschrijving|"
            r"description du groupe",
        ),
        (
            "left",
            r"^\S.{0,60}? (?:left|keluar|hat die gruppe verlassen|salió del grupo|salió|"
            r"saiu|gruptan ayrıldı|ayrıldı|heeft de groep verlaten|is vertrokken|est parti(?:e)?|"
            r"a quitté le groupe)$",
        ),
        (
            "removed",
            r" removed | mengeluarkan | hat .* entfernt| eliminó a | removeu | çıkardı|"
            r" heeft .* verwijderd| a retiré ",
        ),
        (
            "added",
            r" added | menambahkan | hat .* hinzugefügt| añadió a | agregó a | adicionou |"
            r" ekledi| heeft .* toegevoegd| a ajouté |joined using|bergabung menggunakan|"
            r"ist .* beigetreten|se unió|entrou usando|katıldı|is lid geworden|a rejoint",
        ),
        (
            "security_code",
            r"security code|kode keamanan|sicherheitsnummer|código de seguridad|"
            r"código de segurança|güvenlik kodu|beveiligingscode|code de sécurité",
        ),
        (
            "disappearing",
            r"disappearing messages|pesan sementara|selbstlöschende|mensajes temporales|"
            r"mensagens temporárias|süreli mesajlar|verdwijnende berichten|messages éphémères",
        ),
        (
            "business",
            r"business account|akun bisnis|business-konto|cuenta comercial|conta comercial|"
            r"işletme hesabı|zakelijk account|compte professionnel|secure service from meta|"
            r"layanan aman dari meta",
        ),
        (
            "contact",
            r"is a contact|adalah kontak|ist ein kontakt|es un contacto|é um contato|"
            r"kişilerinizde|is een contact|est un contact|changed (?:their|his|her) phone number|"
            r"mengganti nomor|blocked this contact|memblokir kontak|is now a contact|"
            r"(?:kini|sekarang) (?:menjadi|adalah) kontak|ist jetzt ein kontakt",
        ),
        (
            "ad",
            r"started from an ad|dimulai dari iklan|über eine anzeige|desde un anuncio|"
            r"a partir de um anúncio",
        ),
        ("ai_replies", r"\bAI replies|balasan AI|KI-antworten|respuestas de IA|respostas de IA"),
    )
)
_ANY_EVENT_RE = re.compile(
    "|".join(f"(?:{pattern.pattern})" for _event, pattern in _EVENT_PATTERNS), re.IGNORECASE
)
# Texts a WhatsApp Business account sends on its own: greetings and away messages.
_BUSINESS_AUTO_RE = re.compile(
    r"thank(?:s| you) for (?:contacting|reaching out|your message|messaging)|"
    r"we(?:'re| are) (?:currently )?(?:away|closed|unavailable|out of (?:the )?office)|"
    r"outside (?:our )?(?:business|office|working) hours|"
    r"terima ?kasih (?:telah|sudah|atas) (?:menghubungi|pesan|menghubungi kami)|"
    r"(?:kami|admin) sedang (?:tidak|di luar|offline|istirahat)|di luar jam (?:kerja|operasional|"
    r"layanan)|vielen dank für ihre nachricht|gracias por (?:contactar|comunicarte|escribirnos|"
    r"tu mensaje)|obrigad[oa] por (?:entrar em contato|sua mensagem)|bizimle iletişime|"
    r"bedankt voor (?:je|uw) bericht|merci de nous avoir contactés|merci pour votre message",
    re.IGNORECASE,
)
# Lines only the exporting phone writes about its own user.
_EXPORTER_RE = re.compile(
    r"^(?:you deleted this message|anda menghapus pesan ini|du hast diese nachricht gelöscht|"
    r"eliminaste este mensaje|você apagou esta mensagem|bu mesajı sildiniz|"
    r"je hebt dit bericht verwijderd|vous avez supprimé ce message)\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message or event of an export. ``speaker`` is ``""`` for a system line."""

    line: int
    timestamp: str
    speaker: str
    text: str
    kind: MessageKind
    event: str = ""
    edited: bool = False  # WhatsApp's "<This message was edited>", taken off the text

    @property
    def is_spoken(self) -> bool:
        return self.kind == "message"


def _timestamp(groups: dict[str, str | None], order: Order) -> str | None:
    a, b, c = str(groups["a"]), str(groups["b"]), str(groups["c"])
    if order == "ymd":
        year, month, day = _year(a), int(b), int(c)
    elif order == "dmy":
        year, month, day = _year(c), int(b), int(a)
    else:
        year, month, day = _year(c), int(a), int(b)
    hour = int(str(groups["h"]))
    meridiem = (groups["mer"] or "").lower()
    before = groups.get("pre")
    if before:
        if before == "中午":  # noon: 11 is before it, 12 and 1 after
            hour = hour + 12 if hour < 11 else hour
        else:
            hour = hour % 12 + (12 if before in ("下午", "晚上", "오후") else 0)
    elif meridiem:
        # Malay: PG (pagi) is the morning, PTG (petang) the afternoon
        afternoon = meridiem == "ptg" or (
            meridiem != "pg" and meridiem.startswith(("p", "nachm", "ös", "\u0645"))
        )
        hour = hour % 12 + (12 if afternoon else 0)
    minute, second = int(str(groups["mi"])), int(groups["se"] or 0)
    try:
        stamp = datetime.datetime(year, month, day, hour, minute, second)  # noqa: DTZ001
    except ValueError:
        return None
    return stamp.isoformat()


def classify(body: str, *, from_system: bool = False) -> tuple[MessageKind, str]:
    """(kind, event) of a message body; ``from_system`` for iOS lines marked with U+200E."""
    text = clean(body).strip()
    if _ANY_KIND_RE.search(text) is None and not from_system:
        return "message", ""
    for kind, event, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind, event
    if from_system:
        for event, pattern in _EVENT_PATTERNS:
            if pattern.search(text):
                return "event", event
        if _ATTACHED_START_RE.match(text):  # an attachment with a caption after it
            return "media", "media"
        if _POLL_RE.match(text):  # a poll is its author's question, marked all the same
            return "message", ""
        # iOS marks only its own texts: one no pattern knows is still nobody's words.
        return "event", "system"
    return "message", ""


_POLL_RE = re.compile(
    r"(?:poll|polling|jajak pendapat|umfrage|encuesta|enquete|sondage|anket|peiling):\s",
    re.IGNORECASE,
)
_ATTACHED_START_RE = re.compile(
    r"<(?:attached|terlampir|angehängt|adjunto|anexado|eklendi|bijgevoegd|pièce jointe): [^>]+>",
    re.IGNORECASE,
)


def _system_event(rest: str) -> str | None:
    """The event a header line without a ``Name: `` part, or with a colon inside an event
    sentence (``X changed the subject to "a: b"``), stands for; ``None`` for a message."""
    if _ANY_EVENT_RE.search(rest) is None:  # one pass for the common case: a message
        return None
    for event, pattern in _EVENT_PATTERNS:
        if pattern.search(rest):
            return event
    return None


def iter_messages(
    lines: Iterable[str], *, order: Order, file: str = "<input>"
) -> Iterator[ChatMessage]:
    """Yield the messages and events of an export, given its date order."""
    pending: list[object] | None = None  # [line, ts, speaker, text, from_system]
    for number, raw in enumerate(lines, start=1):
        line = clean(raw.rstrip("\r\n"))
        match = _match(line)
        timestamp = _timestamp(match.groupdict(), order) if match else None
        if match is not None and timestamp is None:
            raise ToneInputError(
                f"{line[:24]!s}: not a date in the order {order}", file=file, line=number
            )
        if match is None or timestamp is None:
            if pending is None:
                if line.strip():
                    if _DATE_LIKE_RE.match(line):
                        raise UnsupportedDateLayout(line.strip()[:40], file=file, line=number)
                    raise ToneInputError("expected a WhatsApp message line", file=file, line=number)
                continue
            pending[3] = f"{pending[3]}\n{line}"
            continue
        if pending is not None:
            yield _finish(pending)
        groups = match.groupdict()
        rest = groups.get("ios")
        if rest is None:
            rest = groups.get("android") or groups.get("old") or ""
        from_system = _MARKED_BODY_RE.search(raw) is not None
        speaker, separator, body = rest.partition(": ")
        if not separator and rest.endswith(":") and ": " not in rest:
            # "Name:" and the message on the next line (an editor took the space off)
            speaker, separator, body = rest[:-1], ":", ""
        event = _system_event(speaker) if separator else None
        if not separator or len(speaker) > 80 or (event is not None and not from_system):
            pending = [number, timestamp, "", rest.strip(), True]
        else:
            # A contact saved without a name shows as nothing but an invisible mark.
            name = speaker_name(speaker) or UNNAMED
            pending = [number, timestamp, name, body, from_system]
    if pending is not None:
        yield _finish(pending)


_MARKED_BODY_RE = re.compile("[^:]: ?[\u00a0\u202f]?\u200e")


# What WhatsApp writes after an edited message, per locale (as public parsers list them).
_EDITED_RE = re.compile(
    r"\s*<(?:this message was edited|pesan ini diedit|diese nachricht wurde bearbeitet|"
    r"se editó este mensaje|mensaje editado|mensagem editada|ce message a été modifié|"
    r"questo messaggio è stato modificato|dit bericht is bewerkt|bu mesaj düzenlendi)\.?>$",
    re.IGNORECASE,
)


def _finish(pending: list[object]) -> ChatMessage:
    number, timestamp, speaker, text, from_system = pending
    body = str(text).strip()
    if not speaker:
        event = _system_event(body) or "system"
        return ChatMessage(int(str(number)), str(timestamp), "", body, "event", event)
    edited = False
    if body.endswith(">"):
        marker = _EDITED_RE.search(body)
        if marker is not None and marker.start() > 0:
            body, edited = body[: marker.start()], True
    kind, event = classify(body, from_system=bool(from_system))
    return ChatMessage(int(str(number)), str(timestamp), str(speaker), body, kind, event, edited)


def is_business_auto_message(text: str) -> bool:
    return _BUSINESS_AUTO_RE.search(text) is not None


def is_exporter_line(text: str) -> bool:
    return _EXPORTER_RE.match(text.strip()) is not None


_CHAT_WITH_RE = re.compile(
    r"^(?:whatsapp[ -]chat (?:with|mit|-)|chat whatsapp (?:dengan|con|com|avec)|"
    r"chat de whatsapp con|conversa do whatsapp com|whatsapp sohbeti|whatsapp-chat met|"
    r"discussion whatsapp avec)[ -]+(.+?)(?: \(\d+\))?(?:\.txt|\.zip)?$",
    re.IGNORECASE,
)


def chat_partner(file_name: str) -> str | None:
    """The other side named by an export's file name ("WhatsApp Chat with Budi.txt")."""
    base = re.split(r"[\\/]", file_name)[-1]
    match = _CHAT_WITH_RE.match(clean(base).strip())
    return speaker_name(match.group(1)) if match else None


# --- a zipped export -------------------------------------------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
ZipProblem = Literal["damaged", "encrypted", "nested", "no_chat", "several", "too_big"]


class ChatZipError(ToneInputError):
    """A .zip that does not hold one readable chat; ``problem`` says why (for the caller's own,
    translated, message)."""

    def __init__(self, problem: ZipProblem, *, file: str | None = None) -> None:
        self.problem = problem
        super().__init__(_ZIP_PROBLEMS[problem], file=file)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_zip_error, (self.problem, self.file))


def _rebuild_zip_error(problem: ZipProblem, file: str | None) -> ChatZipError:
    return ChatZipError(problem, file=file)


_ZIP_PROBLEMS: dict[str, str] = {
    "damaged": "not a readable .zip file",
    "encrypted": "the chat in this .zip is encrypted; unzip it and use the _chat.txt inside",
    "nested": "this .zip holds another .zip; unzip it and use the _chat.txt inside",
    "no_chat": "this .zip holds no chat (.txt)",
    "several": "this .zip holds several .txt files; unzip it and use the chat's _chat.txt",
    "too_big": "the chat in this .zip is too large",
}


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def _chat_member(infos: list[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    """The export's chat: ``_chat.txt`` (iOS), else a .txt named like an export ("WhatsApp
    Chat with X.txt", Android), else the only .txt (a document sent in the chat may be one too)."""
    texts = [i for i in infos if not i.is_dir() and i.filename.lower().endswith(".txt")]
    for rule in (
        lambda name: name == "_chat.txt",
        lambda name: chat_partner(name) is not None,
    ):
        found = [i for i in texts if rule(re.split(r"[\\/]", i.filename)[-1].lower())]
        if len(found) == 1:
            return found[0]
    if len(texts) == 1:
        return texts[0]
    if texts:
        raise ChatZipError("several")
    return None


#: Members a zipped export may list (fewer than this): an export holds its chat and the
#: chat's media, thousands at most; a 50 MB zip of empty members lists a million, and reading
#: its directory alone costs hundreds of MB. 0xFFFF also marks a ZIP64 archive, refused too.
MAX_ZIP_MEMBERS = 0xFFFF
_END_OF_DIRECTORY = b"PK\x05\x06"


def _listed_members(stream: IO[bytes]) -> int | None:
    """How many members the zip's end-of-directory record lists (None: no record found;
    0xFFFF: a ZIP64 archive, which lists more elsewhere)."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(max(0, size - 65_557))  # the record (22 bytes) and a comment of at most 64 KiB
    tail = stream.read()
    stream.seek(0)
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return None
    return int.from_bytes(tail[at + 10 : at + 12], "little")


def chat_in_zip(stream: IO[bytes], *, file: str, max_bytes: int) -> tuple[str, bytes]:
    """The chat a zipped export holds (iOS always zips: "WhatsApp Chat - X.zip" holding
    ``_chat.txt`` and the media): its member name and bytes, at most ``max_bytes`` once
    decompressed (read up to there whatever the zip's header claims: no zip bomb). Raises
    :class:`ChatZipError`."""
    try:
        listed = _listed_members(stream)
        if listed is not None and listed >= MAX_ZIP_MEMBERS:
            raise ChatZipError("damaged", file=file)
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            try:
                member = _chat_member(infos)
            except ChatZipError as error:
                raise ChatZipError(error.problem, file=file) from None
            if member is None:
                nested = any(i.filename.lower().endswith(".zip") for i in infos)
                raise ChatZipError("nested" if nested else "no_chat", file=file)
            if member.flag_bits & 0x1:
                raise ChatZipError("encrypted", file=file)
            if member.file_size > max_bytes:
                raise ChatZipError("too_big", file=file)
            with archive.open(member) as opened:
                data = opened.read(max_bytes + 1)
    except ChatZipError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        EOFError,
        OSError,
        zlib.error,
        ValueError,
    ):
        raise ChatZipError("damaged", file=file) from None
    except RuntimeError:  # zipfile's "encrypted, password required"
        raise ChatZipError("encrypted", file=file) from None
    if len(data) > max_bytes:
        raise ChatZipError("too_big", file=file)
    return member.filename, data
