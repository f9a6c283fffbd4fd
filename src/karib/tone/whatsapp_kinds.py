# ruff: noqa: RUF001  # Turkish placeholders are spelt with the dotless i on purpose
"""What a WhatsApp message body is: a person's words, a media placeholder, a deleted or
view-once message, a call, or a system text (per locale, as exports write them).
"""

from __future__ import annotations

import re
from typing import Literal

from karib.tone.whatsapp_layouts import clean

MessageKind = Literal["message", "media", "deleted", "view_once", "call", "event"]

_ATTACHED = (
    r"\((?:file attached|file terlampir|Datei angehängt|archivo adjunto|arquivo anexado|"
    r"ficheiro anexado|dosya ekli|bestand bijgevoegd|fichier joint|файл добавлен|файл додано|"
    r"soubor byl přiložen)\)$|(?:^|\s)<(?:attached|terlampir|angehängt|anhang|adjunto|anexado|"
    r"eklendi|bijgevoegd|pièce jointe): [^>]+>$"
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
# A view-once message (its media is never exported): "<View once voice message omitted>",
# "<file not revealed>"; the whole body only, so "can I view once more the invoice?" or
# "sekali lihat langsung suka" stay a person's words.
_VIEW_ONCE_WORDS = (
    r"view once|sekali lihat|einmal ansehen|einmalige ansicht|ver una vez|visualização única|"
    r"tek seferlik(?: görüntüleme)?|eenmalig(?:e weergave| bekijken)?|vue unique"
)
_VIEW_ONCE_NOUNS = (
    r"(?:voice |photo |video )?message|photo|video|image|media|pesan(?: suara)?|foto|gambar|"
    r"(?:sprach)?nachricht|bild|medien|mensaje(?: de voz)?|vídeo|mensagem(?: de voz)?|"
    r"fotoğraf|sesli mesaj|mesaj|medya|(?:spraak)?bericht|message vocal|vidéo"
)
_VIEW_ONCE_OMITTED = (
    r"omitted|tidak disertakan|weggelassen|ausgeschlossen|omitid[oa]|ocultad?[oa]|"
    r"dahil edilmedi|weggelaten|omise?|omis"
)
_VIEW_ONCE_CORE = (
    rf"(?:(?:{_VIEW_ONCE_NOUNS})[ ])?(?:{_VIEW_ONCE_WORDS})(?:[ ](?:{_VIEW_ONCE_NOUNS}))?"
)
_VIEW_ONCE = (
    rf"^(?:<{_VIEW_ONCE_CORE}(?:[ ](?:{_VIEW_ONCE_OMITTED}))?>|"
    rf"{_VIEW_ONCE_CORE}[ ](?:{_VIEW_ONCE_OMITTED})|"
    r"<(?:file not revealed|archivo no revelado|arquivo não revelado|ficheiro não revelado)>)$"
)
# A shared location: "location: https://maps.google.com/?q=…" in each supported locale (a
# French export puts a space before the colon), and a live location's line. Beyond the
# English and Indonesian words (any link, as before) the link must be a map's, so that
# "Position: https://jobs.example.com/…" stays a person's words.
_MAP_LINK = (
    r"https?://(?:maps\.google\.[a-z.]+|(?:www\.)?google\.[a-z.]+/maps|goo\.gl/maps|"
    r"maps\.app\.goo\.gl|maps\.apple\.com|foursquare\.com)/?\S*"
)
_LOCATION = (
    r"^(?:(?:location|lokasi)[ ]?:[ ]?https?://\S+|(?:standort|ubicación|localização|"
    r"localizacao|konum|locatie|localisation|position|poloha|posizione|местоположение|"
    r"розташування|місцезнаходження|लोकेशन|位置情報|ตำแหน่งที่ตั้ง|vị trí|موقع)"
    rf"[ ]?:[ ]?{_MAP_LINK}|"
    # Android shares a place as its name, its address and a Foursquare link, a line each.
    r"[^\n]{1,100}(?:\n[^\n]{1,100}){0,2}\nhttps?://foursquare\.com/v/\S+|"
    # iOS as "Name (address): link".
    r"[^\n]{1,160}:[ ]https?://foursquare\.com/v/\S+|"
    r"(?:live location (?:shared|ended)|lokasi (?:terkini|langsung) (?:dibagikan|dikongsi)|"
    r"live-standort (?:wird )?geteilt|ubicación en tiempo real compartida|localização em "
    r"tempo real (?:compartilhada|partilhada)|canlı konum paylaşıl(?:dı|ıyor)|"
    r"live[ -]locatie gedeeld|position en direct partagée|геоданные отправлены|"
    r"геодані надіслано|byla sdílena aktuální poloha)\.?)$"
)
# What iOS writes after a call's name: "Missed voice call, Tap to call back", "Video call,
# 12 min", "Voice call, No answer" (a clause, never a sentence with a question in it).
_TAP = r"(?:tap|click|ketuk|klik|tippe|toca|toque|dokun|tik|appuyez)\b[^?!\n]{0,40}"
_CALL_NAMES = (
    r"(?:group )?(?:voice|video) call|panggilan (?:suara|video)(?: grup)?|"
    r"(?:gruppen)?(?:sprach|video)anruf|llamada(?: grupal)? de (?:voz|video)|"
    r"videollamada(?: grupal)?|chamada(?: em grupo)? de (?:voz|vídeo)|"
    r"(?:grup )?(?:sesli|görüntülü) arama|(?:groeps)?(?:spraak|video)-?oproep|"
    r"appel (?:vocal|vidéo)(?: de groupe)?"
)
_CALL_DETAILS = (
    r"\d{1,3}(?:[:.]\d{2}){0,2}[ ]?[^\W\d]{0,8}\.?|no answer|declined|tidak (?:dijawab|"
    r"diangkat|ada jawaban)|ditolak|keine antwort|nicht angenommen|abgelehnt|sin respuesta|"
    r"rechazada|não atendida|sem resposta|recusada|cevap(?:lanmadı| yok)|reddedildi|"
    r"geen antwoord|niet beantwoord|geweigerd|pas de réponse|sans réponse|refusé|" + _TAP
)
# An answered (or unanswered) call: its name and at least one detail, the whole body.
_CALL = rf"^(?:{_CALL_NAMES})(?:[.,][ ]*(?:{_CALL_DETAILS}))+\.?$"
_KIND_SOURCES: tuple[tuple[MessageKind, str, str], ...] = (
    ("view_once", "view_once", _VIEW_ONCE),
    (
        "deleted",
        "deleted",
        r"^(?:this message was deleted|you deleted this message|pesan ini (?:telah )?dihapus|"
        r"anda (?:telah )?menghapus pesan ini|diese nachricht wurde gelöscht|"
        r"du hast diese nachricht gelöscht|se eliminó este mensaje|este mensaje fue eliminado|"
        r"eliminaste este mensaje|"
        r"(?:essa|esta) mensagem foi apagada|mensagem apagada|você apagou esta mensagem|"
        r"apagou esta mensagem|bu mesaj silindi|bu mesajı sildiniz|dit bericht is "
        r"verwijderd|je hebt dit bericht verwijderd|u heeft dit bericht verwijderd|"
        r"ce message a été supprimé|vous avez supprimé ce message|message supprimé|"
        # Russian, Ukrainian, Czech, Italian, Hindi, Japanese, Thai and Vietnamese (Android and
        # iOS as the corpus's real exports write them), European Portuguese
        r"данное сообщение удалено|вы удалили (?:данное|это) сообщение|"
        r"це повідомлення було видалено|ви видалили це повідомлення|"
        r"tato zpráva byla (?:smazána|odstraněna)|tuto zprávu jste (?:smazal|odstranil)/a|"
        r"questo messaggio è stato eliminato|hai eliminato questo messaggio|"
        r"यह मैसेज डिलीट कर दिया गया है|आपने यह मैसेज डिलीट किया|"
        r"このメッセージは削除されました|このメッセージを削除しました|"
        r"ข้อความนี้ถูกลบแล้ว|คุณได้ลบข้อความนี้|"
        r"tin nhắn này đã bị (?:xóa|xoá)|bạn đã (?:xóa|xoá) tin nhắn này|"
        r"esta mensagem foi eliminada|eliminou esta mensagem|u hebt dit bericht verwijderd|"
        r"تم حذف هذه الرسالة|(?:لقد|أنت) حذَ?فت هذه الرسالة)[.。]?$",
    ),
    (
        "media",
        "media",
        r"^(?:<(?:media omitted|media tidak disertakan|medien ausgeschlossen|medien weggelassen"
        r"|multimedia omitido|archivo omitido|mídia oculta|arquivo de mídia oculto|medya dahil "
        r"edilmedi|media weggelaten|médias omis|fichier omis|без медиафайлов|медиа отсутствует|"
        r"файл пропущен|медіа пропущено|média vynechány|média vynechána)>|"
        r"(?:image|video|audio|sticker|gif|document|contact card|photo|voice message)s? omitted|"
        r"(?:gambar|video|audio|"
        r"stiker|gif|dokumen|kartu kontak|foto|pesan suara) (?:tidak disertakan|dihapus)|"
        r"(?:bild|video|audio|sticker|gif|dokument|kontaktkarte|foto) weggelassen|"
        r"(?:imagen|video|audio|sticker|gif|documento|tarjeta de contacto) omitid[oa]|"
        r"(?:imagem|vídeo|áudio|figurinha|gif|documento|cartão de contato) (?:ocultad[oa]|"
        r"omitid[oa]|oculto|oculta)|(?:görüntü|video|ses|çıkartma|gif|belge|kişi kartı) dahil "
        r"edilmedi|(?:afbeelding|video|audio|sticker|gif|document|contactkaart) weggelaten|"
        r"(?:image|vidéo|audio|autocollant|gif|document|fiche contact) (?:absente?|omise?)|"
        r"null|لم يتم إدراج (?:الصورة|الفيديوهات|المقاطع الصوتية|بطاقة جهة اتصال|صورة GIF)|"
        r"تم حذف الملصقات)$|" + _ATTACHED + "|" + _DOCUMENT,
    ),
    ("media", "media", _LOCATION),
    ("media", "waiting", _WAITING),
    (
        "call",
        "missed_call",
        r"^(?:missed (?:voice|video|group voice|group video) call|panggilan (?:suara|video) "
        r"(?:tak|tidak) terjawab|verpasster (?:sprach|video)anruf|llamada (?:de voz |de video "
        r")?perdida|videollamada perdida|chamada de (?:voz|vídeo) perdida|cevapsız "
        r"(?:sesli|görüntülü) arama|gemiste (?:spraak|video)oproep|appel (?:vocal|vidéo) "
        r"manqué|пропущенный (?:аудио|видео)звонок|пропущений (?:аудіо|відео)дзвінок|"
        r"zmeškaný (?:hlasový )?(?:video)?hovor)(?:[.,]?[ ]*" + _TAP + r")?\.?$",
    ),
    ("call", "call", _CALL),
)
_KIND_PATTERNS = tuple(
    (kind, event, re.compile(pattern, re.IGNORECASE)) for kind, event, pattern in _KIND_SOURCES
)

_EVENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (event, re.compile(pattern, re.IGNORECASE))
    for event, pattern in (
        (
            "encryption",
            r"end-to-end|ende-zu-ende|de extremo a extremo|de ponta a ponta|uçtan uca|"
            r"eind-tot-eind|de bout en bout|terenkripsi|dienkripsi|encriptadas ponto a ponto|"
            r"сквозным шифрованием|наскрізним шифруванням|koncovým šifrováním|एंड-टू-एंड|"
            r"エンドツーエンド暗号化|เข้ารหัสจากต้นทางถึงปลายทาง|mã hóa đầu cuối|مشفرة تمام",
        ),
        (
            "group_created",
            r"created (?:the |this )?group|membuat grup|(?:hat|hast) die gruppe .*erstellt|"
            r"creó (?:el|este) grupo|criou (?:o|este) grupo|grubunu oluşturdu|grup oluşturdu|"
            r"heeft (?:de )?groep .*aangemaakt|heeft deze groep aangemaakt|a créé (?:le|ce) groupe",
        ),
        (
            "subject_changed",
            r"changed the (?:subject|group name)|changed this group's (?:subject|name)|"
            r"mengubah (?:subjek|nama grup)|(?:hat|hast) den (?:betreff|gruppennamen)|"
            r"cambió el (?:asunto|nombre)|mudou o (?:assunto|nome)|konuyu|grup adını|"
            r"heeft het onderwerp|heeft de groepsnaam|a modifié le (?:sujet|nom)",
        ),
        (
            "icon_changed",
            r"changed (?:this|the) group(?:'s)? (?:icon|photo)|deleted this group's icon|"
            r"mengubah (?:ikon|foto) grup|menghapus ikon grup|(?:hat|hast) das gruppenbild|"
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
            r"^\S.{0,60}? (?:left|keluar|hast? die gruppe verlassen|salió del grupo|salió|"
            r"saiu|gruptan ayrıldı|ayrıldı|heeft de groep verlaten|is vertrokken|est parti(?:e)?|"
            r"a quitté le groupe)\.?$",
        ),
        (
            "removed",
            r" removed | mengeluarkan | hast? .* entfernt| eliminó a | removeu | çıkardı|"
            r" heeft .* verwijderd| a retiré ",
        ),
        (
            "added",
            r" added | menambahkan | hast? .* hinzugefügt| añadió a | agregó a | adicionou |"
            r" ekledi| heeft .* toegevoegd| a ajouté |joined using|bergabung menggunakan|"
            r"ist .* beigetreten|se unió|entrou usando|katıldı|is lid geworden|a rejoint",
        ),
        (
            "security_code",
            r"security code|kode keamanan|sicherheitsnummer|código de seguridad|"
            r"código de segurança|güvenlik kodu|beveiligingscode|code de sécurité|"
            r"код безопасности|код безпеки|bezpečnostní kód|codice di sicurezza|सुरक्षा कोड|"
            r"セキュリティコード|รหัสความปลอดภัย|mã bảo mật|رمز أمانك",
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
# WhatsApp's notices written under a person's or the group's name: iOS marks them with U+200E,
# older iOS exports and edited files do not. Unmarked, only a whole notice counts: its first
# sentence as written, then only sentences that begin as the notice's own do ("No one outside
# of this chat …", "Tap to learn more."), never a question.
_NOTICE_TAIL = (
    r"(?:[ ]+(?:no one|only people|tap|learn more|tidak seorang pun|hanya orang|ketuk|"
    r"pelajari|niemand|nur personen|tippe|erfahre|nadie|solo las personas|toca|más información|"
    r"nem mesmo|ninguém|apenas|toque|saiba|whatsapp dahil|bu sohbetin|yalnızca|daha fazla|"
    r"dokun|alleen|tik|meer info|aucun|seules?|appuyez|en savoir)[^.?!]{0,160}\.?){0,3}"
)
_NOTICE_SOURCES = (
    (
        "encryption",
        r"messages and calls are end-to-end encrypted|messages (?:you send )?to this "
        r"(?:group|chat)(?: and calls)? are now secured with end-to-end encryption|"
        r"pesan dan panggilan (?:terenkripsi|dienkripsi) secara end-to-end|"
        r"nachrichten und anrufe sind ende-zu-ende-verschlüsselt|"
        r"los mensajes y las llamadas están cifrados de extremo a extremo|"
        r"as mensagens e as chamadas são protegidas com a criptografia de ponta a ponta"
        r"[^.?!]{0,120}|mesajlar ve aramalar uçtan uca şifrelidir|"
        r"berichten en oproepen zijn end-to-end versleuteld|"
        r"les messages et les appels sont chiffrés de bout en bout",
    ),
    (
        "business",
        r"this business (?:uses|is now using) a secure service from meta to manage this chat|"
        r"bisnis ini (?:menggunakan|kini menggunakan|sekarang menggunakan) layanan aman dari "
        r"meta untuk mengelola chat ini",
    ),
    (
        "security_code",
        r"your security code with [^.?!]{1,60} changed|"
        r"kode keamanan anda dengan [^.?!]{1,60} (?:telah )?berubah",
    ),
)
_NOTICE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (event, re.compile(rf"(?:{pattern})\.?{_NOTICE_TAIL}$", re.IGNORECASE))
    for event, pattern in _NOTICE_SOURCES
)
# One search for the common case, a person's words: no placeholder and no whole notice.
_ANY_KIND_RE = re.compile(
    "|".join(f"(?:{pattern})" for _kind, _event, pattern in _KIND_SOURCES)
    + "|"
    + "|".join(f"(?:^(?:{pattern}))" for _event, pattern in _NOTICE_SOURCES),
    re.IGNORECASE,
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
    r"^(?:you deleted this message|anda (?:telah )?menghapus pesan ini|"
    r"du hast diese nachricht gelöscht|"
    r"eliminaste este mensaje|você apagou esta mensagem|bu mesajı sildiniz|"
    r"je hebt dit bericht verwijderd|vous avez supprimé ce message|"
    r"вы удалили (?:данное|это) сообщение|ви видалили це повідомлення|"
    r"tuto zprávu jste (?:smazal|odstranil)/a|hai eliminato questo messaggio|"
    r"आपने यह मैसेज डिलीट किया|このメッセージを削除しました|คุณได้ลบข้อความนี้|"
    r"bạn đã (?:xóa|xoá) tin nhắn này|u hebt dit bericht verwijderd|"
    r"(?:لقد|أنت) حذَ?فت هذه الرسالة)[.。]?$",
    re.IGNORECASE,
)


def classify(
    body: str, *, from_system: bool = False, file_line: bool = False
) -> tuple[MessageKind, str]:
    """(kind, event) of a message body. ``from_system``: an iOS body that starts with U+200E;
    ``file_line``: an iOS line whose header starts with U+200E too (iOS marks so the lines
    that stand for a file, sent or left out)."""
    text = clean(body).strip()
    marked = from_system or file_line
    if _ANY_KIND_RE.search(text) is None and not marked:
        return "message", ""
    for kind, event, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind, event
    for event, pattern in _NOTICE_PATTERNS:
        if pattern.match(text):  # a notice written whole, with its mark or without it
            return "event", event
    if marked:
        # iOS marks its own texts, but a person's text may start with the mark too (a pasted
        # or forwarded text; WhatsR's real exports): the mark is trusted only for a text a
        # pattern knows, or on a file's line.
        for event, pattern in _EVENT_PATTERNS:
            if pattern.search(text):
                return "event", event
        if _ATTACHED_START_RE.match(text):  # an attachment with a caption after it
            return "media", "media"
        if file_line and not _POLL_RE.match(text):
            return "media", "media"  # a file left out in a locale no pattern knows
    return "message", ""


_POLL_RE = re.compile(
    r"(?:poll|polling|jajak pendapat|umfrage|encuesta|enquete|sondage|anket|peiling):\s",
    re.IGNORECASE,
)
_ATTACHED_START_RE = re.compile(
    r"<(?:attached|terlampir|angehängt|anhang|adjunto|anexado|eklendi|bijgevoegd|pièce jointe): "
    r"[^>]+>",
    re.IGNORECASE,
)


def system_event(rest: str) -> str | None:
    """The event a header line without a ``Name: `` part, or with a colon inside an event
    sentence (``X changed the subject to "a: b"``), stands for; ``None`` for a message."""
    if _ANY_EVENT_RE.search(rest) is None:  # one pass for the common case: a message
        return None
    for event, pattern in _EVENT_PATTERNS:
        if pattern.search(rest):
            return event
    return None


# What WhatsApp writes after an edited message, per locale (as public parsers list them).
EDITED_RE = re.compile(
    r"\s*<(?:this message was edited|pesan ini diedit|diese nachricht wurde bearbeitet|"
    r"se editó este mensaje|mensaje editado|mensagem editada|ce message a été modifié|"
    r"questo messaggio è stato modificato|dit bericht is bewerkt|bu mesaj düzenlendi|"
    r"esta mensagem foi editada|сообщение изменено)\.?>$",
    re.IGNORECASE,
)


def is_business_auto_message(text: str) -> bool:
    return _BUSINESS_AUTO_RE.search(text) is not None


def is_exporter_line(text: str) -> bool:
    return _EXPORTER_RE.match(text.strip()) is not None
