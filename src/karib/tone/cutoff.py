"""Whether the agent cut the customer off: the customer turn left unfinished or unanswered
when the agent ended the conversation (an end event or a short sign-off right after it)."""

from __future__ import annotations

import re
from bisect import bisect_left

from karib.tone.autoreplies import away_reply
from karib.tone.closing_words import customer_closes, thanks_in
from karib.tone.normalize import expand
from karib.tone.records import TurnAnalysis
from karib.tone.signoffs import thanks_closes
from karib.tone.state import State, agent_signs_off

CUT_OFF_SIGN_OFF_WORDS = 8
# A holding reply answers nothing: "Tunggu.", "Sebentar ya", "One moment", "Hold on".
# A take-up, an address, a please and emoji may go with it (part-L round): "Baik kak, mohon
# ditunggu ya 🙏", "Sure, one moment please.", "Ok, please hold".
_HOLDING_RE = re.compile(
    expand(
        r"\W*(?:(?:baik|oke?|okay|siap|sure|alright|noted|iya|ya)(?:\s+(?:{kak}|kakak|{bapak}|"
        r"{ibu}|mas|{mbak}|sir|madam|ma'?am))?[\s,.!]+)?(?:(?:mohon|harap|please|kindly)\s+)?"
        r"(?:(?:di)?tunggu|sebentar|bentar|wait|hold(?:\s+on)?|one\s+moment|a\s+moment|just\s+a\s+"
        r"(?:moment|sec(?:ond)?|minute)|"
        # A check promised (part-M round): "Dicek dulu.", "Kami cek dulu ya kak", "Let me
        # check", "I'll look into it" (not "Sudah dicek": that reports).
        r"(?:(?:{saya}|kami|admin)\s+)?(?:di)?(?:cek|check|periksa)(?:kan)?(?=\s+dulu)|"
        r"(?:(?:{saya}|kami|admin)\s+)(?:cek|periksa)(?:kan)?|let\s+me\s+(?:check|see|look\s+into\s+"
        r"(?:it|this|that))|i'?ll\s+(?:check|look\s+into\s+(?:it|this|that))|checking)"
        # The address may follow a comma (part-O round): "Sebentar ya, Bu.", "One moment, sir."
        r"(?:[\s,]+(?:ya|dulu|lagi|please|sebentar|a\s+moment|{kak}|"
        r"kakak|{bapak}|{ibu}|mas|{mbak}|sir|madam|ma'?am)(?![\w']))*[\s\W]*"
    ),
    re.IGNORECASE,
)


def holding_reply(text: str) -> bool:
    """The agent's message holds and answers nothing: one holding clause
    (``_HOLDING_RE``) or several in a row (part-UV round: "Baik kak, mohon ditunggu
    sebentar, saya cek dulu ya.", "One moment please, let me check."). Read clause by
    clause from the start: linear."""
    if _HOLDING_RE.fullmatch(text) is not None:
        return True
    pos = 0
    while pos < len(text):
        match = _HOLDING_RE.match(text, pos)
        if match is None or match.end() == pos:
            return False
        pos = match.end()
    return pos > 0


# A bare acknowledgement that answers nothing (part-M round): "Oke.", "Baik kak.", "Noted",
# "Ok noted min", "Alright." - after a question only "ok" cannot answer (see
# _OPEN_QUESTION_RE) and before the end event, the question is left open.
_ACK_WORDS = (
    r"ok(?:e|ay|ey)?|oke+|baik|noted|siap|sip|alright|understood|got\s+it|i\s+see|"
    r"oh+(?:\s+(?:gitu|begitu))?"
)
_BARE_ACK_RE = re.compile(
    expand(
        r"\W*(?:" + _ACK_WORDS + r")(?:[\s,.!]+(?:" + _ACK_WORDS + r"|{kak}|kakak|{bapak}|{ibu}|"
        r"mas|{mbak}|min|sir|madam))*[\s\W]*"
    ),
    re.IGNORECASE,
)
# A question "ok" cannot answer: a question word (not "apa" alone, which also opens yes/no
# questions: "warna apa", "apa aja") or a choice ("dikembalikan atau jadi saldo?"; not
# "atau tidak?").
_OPEN_QUESTION_RE = re.compile(
    r"(?<![\w'])(?:(?:warna|ukuran|size|jenis|tipe|model|kurir|ekspedisi|bank|hari|jam|tanggal|"
    r"menu|rasa|paket|metode)\s+apa|apa\s+(?:aja|saja|ajah)|"
    r"berapa|brp|brapa|kapan|kpn|mana|dimana|kemana|gimana|gmn|bagaimana|bgmn|"
    r"kenapa|knp|mengapa|siapa|iraha|kumaha|naon|saha|sabaraha|naha|what|when|where|which|"
    r"how|why|who|(?:atau|ato|or)(?!\s+(?:tidak|tdk|nggak|ngga|gak|ga|gk|enggak|belum|bukan|"
    r"not|no)(?![\w'])))(?![\w'])",
    re.IGNORECASE,
)
# A question without its question mark ending the message (part-S round), in the informal
# Indonesian register that drops it: a question word with only particles or an address
# after it ("eh tapi bagasinya gimana min", "refundnya kapan ya kak"), or "kok" with a
# closing "ya / sih" ("kok belum masuk ya"); not the wonder of "kok bisa ya", not
# "kapan-kapan" ("sampai jumpa kapan-kapan"), nor a question word inside a statement
# ("nanti saya kabari kapan bisa diambil"). English ends its questions with "?" (and "I
# know how" is none).
_QUESTION_TAIL_RE = re.compile(
    r"(?:(?<![\w'-])(?:berapa|brp|kapan|kpn|gimana|gmn|bagaimana|kenapa|knp|mengapa|dimana|"
    r"di\s+mana|kemana|yang\s+mana)|(?<![\w'])kok(?!\s+bisa(?!\w))(?:\s+[\w-]+){1,5}?\s+"
    r"(?:ya|yah|sih))(?:\s+(?:ya|yah|sih|dong|nih|tuh|ini|itu|kak|kakak|ka|min|mas|mbak|pak|"
    r"bu|gan|sis))*\W*$",
    re.IGNORECASE,
)
# A reply that sends the customer to another time instead of answering (part-L round):
# "We are closing for today. Please contact us again tomorrow.", "Silakan hubungi kami
# kembali besok", "jam operasional sudah selesai"; not "contact us again if anything comes
# up" (an offer of more help).
_DEFLECTION_RE = re.compile(
    r"(?<!\w)(?:(?:contact|call|message|reach|chat\s+with)\s+us\s+(?:again\s+|back\s+)?"
    r"(?:tomorrow|later|another\s+time|next\s+week|during\s+(?:business|office|working)\s+"
    r"hours|on\s+\w+day)|(?:hubungi|chat|kontak|telepon|telpon|wa)\s+(?:kami\s+)?(?:kembali\s+|"
    r"lagi\s+)?(?:besok|nanti|lain\s+(?:waktu|kali)|(?:di|pada)\s+jam\s+(?:kerja|operasional|"
    r"layanan))|(?:we\s+are|we'?re)\s+(?:closing|closed)\s+(?:now|for\s+(?:today|the\s+day))|"
    r"(?:chat|office|business)\s+hours\s+are\s+(?:ending|over|finished)|jam\s+(?:operasional|"
    r"layanan|kerja)\s+(?:kami\s+)?(?:sudah\s+|telah\s+)?(?:habis|selesai|berakhir))(?!\w)",
    re.IGNORECASE,
)
# A customer's message that ends on a clause of "if" with no main clause (part-L round): an
# implicit question ("... terus kalau mau sekalian scaling", "and if I want to add my
# wife"); not a condition softening a request ("kalau bisa", "if possible") nor one with
# its main clause ("kalau ada promo lagi kabari ya").
_TRAILING_IF_RE = re.compile(
    r"\W*(?:(?:terus|trus|lalu|tapi|and|but|also|oh\s+ya|btw|satu\s+lagi)\W+)?"
    r"(?:kalau|kalo|klo|if|what\s+if|what\s+about|how\s+about|misal(?:nya)?)\s+"
    r"(?!(?:bisa|boleh|possible|sempat|memungkinkan|you\s+(?:can|could|don'?t\s+mind)|"
    r"that'?s\s+ok|it'?s\s+ok)(?!\w))(?![^,;]*(?<!\w)(?:kabari\w*|info\w*|hubungi|tolong|mohon|"
    r"let\s+me\s+know|tell\s+me|call\s+me|text\s+me|please)(?!\w))[^,;.!?\n]{1,80}$",
    re.IGNORECASE,
)
TRAILING_CLAUSE_MAX = 120
_WORD_TOKEN_RE = re.compile(r"\S*[^\W_]\S*")
# A sign-off template: every sentence holds a closing phrase or good wishes.
_TEMPLATE_LABELS = frozenset({"closing", "wishes"})
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?\n]*")
# A farewell of the time of day after the closing sentence closes too (part-O round):
# "Terima kasih telah menghubungi Layanan Paspor Online. Selamat siang." (not opening it).
_TIME_FAREWELL_RE = re.compile(
    r"\W*(?:selamat\s+(?:pagi|siang|sore|malam)|good\s+(?:day|morning|afternoon|evening|night)|"
    r"sugeng\s+(?:enjing|siang|sonten|dalu)|wilujeng\s+(?:enjing|siang|sonten|wengi))"
    r"(?:\W+(?:kak|kakak|bapak|pak|ibu|bu|mas|mbak|sir|madam|ma'?am))?[\s\W]*",
    re.IGNORECASE,
)
# A request stated as a wish (part-L round): "Saya mau ganti alamat pengiriman", "I need
# the invoice resent", "I'd like to change my seat" - asked for as plainly as with a please.
_WISH_STATEMENT_RE = re.compile(
    r"^\W*(?:(?:kak|kakak|min|admin|mas|mbak|pak|bu|halo|hi|hello)\W+)*(?:(?:saya|aku|sy|gue|"
    r"gw)\s+)?(?:mau|ingin|pengen|minta|butuh|perlu)\s+(?!bilang|ngucapin|mengucapkan)|^\W*(?:hi\W+"
    r"|hello\W+)?i\s+(?:need|want|would\s+like|'d\s+like)\s+(?!to\s+(?:say|thank))",
    re.IGNORECASE,
)

# A turn broken off: a trailing dash, "...", a comma or colon, a connector after a comma
# ("..., terus", "..., lalu"), or a word that cannot end a sentence ("charged twice for",
# "mau yang ini atau"). Left out on purpose, since they also end finished sentences: "terus"
# and "lalu" without a comma ("mati terus", "minggu lalu"), colloquial final "soalnya", and
# English words that end phrasal verbs or set phrases ("on", "in", "to", "of", "about",
# "with", "my": "hold on", "I don't want to", "sort of", "oh my"), and "a" (Sundanese "a").
_UNFINISHED_RE = re.compile(
    r"(?:\.\.\.|\u2026|[-\u2013\u2014,:]|,\s*(?:terus|trus|lalu|jadi)|\b(?:dan|tapi|tetapi|"
    r"karena|atau|padahal|sedangkan|serta|yang|untuk|dengan|dari|and|but|or|for|the|an|your|"
    # A connector with "also" / "juga" after it, or one more thing announced (part-UV
    # round): "Okay, go ahead. And also", "dan juga", "terus juga", "Oh and", "one more
    # thing"; not "me also" / "saya juga" (finished), nor "because of that".
    r"(?:and|but|plus)\s+also|oh\s+and|(?:dan|terus|trus|tapi)\s+juga|because|although|"
    r"whereas|one\s+more\s+thing|satu\s+lagi|"
    # A connector, its subject and a verb that needs what follows (part-ZAZB round): "...
    # the overdraft fee, because I think", "and we need", "karena saya kira", "tapi aku
    # mau"; not "so do I", "fine I guess", "saya juga mau" (no connector).
    r"(?:because|since|cause|and|but|so|as|although|karena|soalnya|padahal|tapi|dan|terus|trus)"
    r"\s+(?:i|we|saya|aku|sy|kami|gue|gw)\s+(?:think|thought|believe|was|were|need|needed|want|"
    r"wanted|feel|mean|kira|pikir|rasa|mau|ingin|pengen|harus|perlu)))"
    r"\s*$|"
    # One more point announced and left hanging on its noun (part-ZAZB round): "BK-7731.
    # also, the second charge", "Oh and the late fee", "btw soal refundnya", "satu lagi, yang
    # kemarin"; not with a verb ("Also, the app is great") or thanks ("btw, thanks a lot").
    r"(?:^|[.!?]\s+|,\s*)(?:also|plus|oh\s+and|btw|by\s+the\s+way|one\s+more\s+thing|satu\s+"
    r"lagi)\s*[,:]?\s+(?:the|my|your|this|that|about|what\s+about|soal|masalah|yang|untuk|buat)"
    r"\s+(?![^\n]*(?<![\w'])(?:is|are|was|were|works?|worked|looks?|ada|sudah|udah|bisa|thanks?|"
    r"thank|makasih|terima|mksh|thx|ty|bye|great|good|fine|ok|oke)(?![\w']))(?:[\w-]+\s+){0,2}"
    r"[\w-]+\s*$|"
    # A question broken off after its inverted auxiliary and subject (part-R round): "do I
    # need to come into a branch or can I", "and should we", "apakah saya", "bisakah kami";
    # not "as soon as we can", "yes I can" (subject first: a finished statement) nor "so do
    # I", "as are we".
    r"(?<![\w'])(?<!so\s)(?<!as\s)(?<!nor\s)(?<!neither\s)(?:(?:can|could|should|do|does|did|would|will|may|must|shall|am|is|are)\s+"
    r"(?:i|we|you|they|he|she|it)|(?:apakah|apa|bisakah|bolehkah|haruskah)\s+(?:saya|aku|sy|"
    # ... or after an adverb of the question (part-S round): "can I also", "is it still",
    # "do we just", "bisakah saya juga" (not "I can also", "yes it is still").
    r"kami|kita))(?:\s+(?:also|still|just|even|really|already|juga|masih|langsung))?\s*$",
    re.IGNORECASE,
)
# A short thanks ending in a comma ("Terima kasih,") is done; a dash still breaks it off
# ("Oke, terima kasih ya Mas—").
_TRAILING_PUNCT_RE = re.compile(r",\s*$")
SHORT_THANKS_WORDS = 5
# A sign-off that starts by answering the customer's question ("Iya. Terima kasih.",
# "Yes, thank you!") answered it; so does one that starts with a when, a day, an hour or a
# number (part-M round): "Enjing. Hatur nuhun." (tomorrow), "Besok sore ya kak, terima
# kasih", "Tomorrow. Thanks!", "Jam 3. Makasih", "2-3 hari kerja. Terima kasih".
_ANSWER_START_RE = re.compile(
    expand(
        r"^\W*(?:ya|iya|betul|benar|bisa|boleh|sudah|belum|{tidak}|bukan|tentu|yes|yeah|yep|"
        r"no|correct|right|sure|of\s+course|exactly|indeed|"
        r"besok|lusa|nanti\s+(?:sore|siang|malam|pagi)|hari\s+ini|minggu\s+depan|bulan\s+depan|"
        r"enjing|isukan|mangke|engke|dinten\s+ieu|tomorrow|today|tonight|next\s+(?:week|month)|"
        r"senin|selasa|rabu|kamis|jumat|jum'at|sabtu|monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday|(?:jam|pukul|at)\s+\d+|\d+)(?![\w'])"
    ),
    re.IGNORECASE,
)
# An agent reply that takes a request up: "Baik kak, ...", "Siap", "Sure", "Will do",
# "Noted", "Segera kami proses".
_TAKES_UP_RE = re.compile(
    expand(
        r"^\W*(?:baik|siap|oke?|okay|sip|noted|sure|certainly|will\s+do|of\s+course|done|"
        r"{sudah}|segera|ya|iya|yes|tentu|bisa|boleh)(?![\w'])"
    ),
    re.IGNORECASE,
)
# ... or reports it done: "Invoice resent, thank you!", "Sudah dikirim ulang ya kak".
_DONE_RE = re.compile(
    r"(?<!\w)(?:sent|resent|updated|fixed|changed|cancell?ed|closed|refunded|done|processed|"
    r"sorted|checked|di(?:kirim|proses|ubah|ganti|cek|batalkan|tutup|perbaiki|refund)\w*|"
    r"(?:sudah|udah|telah)\s+(?:kami|saya)\s+\w+)(?!\w)",
    re.IGNORECASE,
)


# ... or says whether it is in stock, or what it costs, before its thanks (part-Q round, a
# seller's WhatsApp answer: "Masih ada Kak, harga 120rb. Terima kasih 🙏", "Ready kak,
# makasih", "Sold out, sorry! Thanks for asking", "That one is $45. Thank you!").
_STOCK_RE = re.compile(
    r"^\W*(?:masih\s+(?:ada|ready|tersedia|kosong|habis)|ada\s+(?:kak|ka|mas|mbak|sis|gan|bu|"
    r"pak|ya|kok)|ready(?:\s+stock|\s+stok)?|redi|tersedia|habis|kosong|sold\s+out|"
    r"(?:still\s+)?(?:available|in\s+stock)|out\s+of\s+stock)(?![\w'])",
    re.IGNORECASE,
)
_PRICE_RE = re.compile(
    r"(?<!\w)(?:rp\.?\s*\d|idr\s*\d|\$\s*\d|\d+(?:[.,]\d+)?\s*(?:rb|ribu|k|jt|juta|"
    r"dollars?|usd|idr)(?!\w))",
    re.IGNORECASE,
)
_CLOSER_LABELS = frozenset({"thanks", "closing", "wishes", "welcome"})
_BRUSH_OFF_LABELS = frozenset({"dismissive", "rude", "blame"})


def answers_first(item: TurnAnalysis) -> bool:
    """The agent's sign-off opens with the answer: a yes, a when, a number
    (``_ANSWER_START_RE``), or a report that what was asked is done, before its first
    thanks or wish (part-N round: "Fine, it's cancelled. Thank you for choosing us.",
    "Sudah kami proses ya kak, terima kasih", "Done - refunded. Thanks!")."""
    if _ANSWER_START_RE.match(item.text) is not None or _STOCK_RE.match(item.text) is not None:
        return True
    closers = [m.start for m in item.markers if m.label in _CLOSER_LABELS]
    end = min(closers) if closers else len(item.text)
    return (
        _DONE_RE.search(item.text, 0, end) is not None
        or _PRICE_RE.search(item.text, 0, end) is not None
    )


def cut_off(items: list[TurnAnalysis], state: State) -> tuple[int | None, bool]:
    """The customer turn the agent cut off, and whether it was unfinished (else
    unanswered). Only in a conversation the agent ended: by an event line right after the
    customer's unfinished or unanswered turn, or by a short sign-off right after it."""
    if state.state != "ended_by_agent":
        return None, False
    humans = [i for i in items if i.kind == "message" and i.role in ("agent", "customer")]
    if not humans:
        return None, False

    def unfinished(item: TurnAnalysis) -> bool:
        text = item.text.strip()
        if not text:
            return True
        if _UNFINISHED_RE.search(text) is None:
            return False
        # "Terima kasih," is a finished thanks, whatever punctuation trails it.
        short_thanks = thanks_in(item) and len(text.split()) <= SHORT_THANKS_WORDS
        return not (short_thanks and _TRAILING_PUNCT_RE.search(text) is not None)

    def short_sign_off(item: TurnAnalysis) -> bool:
        return (
            len(_WORD_TOKEN_RE.findall(item.text)) <= CUT_OFF_SIGN_OFF_WORDS
            and agent_signs_off(item)
            and not answers_first(item)
        )

    def unanswered(item: TurnAnalysis) -> bool:
        acts = set(item.acts)
        if trailing_if(item) or question_tail(item):
            return True
        return bool({"question", "cancellation_request", "refusal"} & acts) and (
            not ({"thanks", "closing"} & acts) or asks_after_thanks(item)
        )

    def template_sign_off(item: TurnAnalysis) -> bool:
        """A sign-off of any length whose every sentence closes ("Terima kasih telah
        menghubungi layanan pelanggan Bank Nusantara, semoga hari Anda menyenangkan."):
        it answers nothing, however long the company's name."""
        if not agent_signs_off(item) or _ANSWER_START_RE.match(item.text) is not None:
            return False
        closers = sorted(m.start for m in item.markers if m.label in _TEMPLATE_LABELS)
        thanks = sorted((m.start, m.end) for m in item.markers if m.label == "thanks")
        # Emoji between the sentences close nothing and open nothing (part-M round).
        sentences = [
            (m.start(), m.end())
            for m in _SENTENCE_RE.finditer(item.text)
            if _WORD_TOKEN_RE.search(m.group()) is not None
        ]

        def closes(start: int, end: int) -> bool:
            # A closer, or a thanks (the sentence's last) with only an address, "for
            # chatting with us today" and the like after it ("Thanks for chatting with us
            # today!"; part-M round). Found by bisection: linear in a long turn.
            first = bisect_left(closers, start)
            if first < len(closers) and closers[first] < end:
                return True
            last = bisect_left(thanks, (end,)) - 1
            return (
                last >= 0
                and thanks[last][0] >= start
                and thanks_closes(item.text, thanks[last][1], end)
            )

        return bool(sentences) and all(
            (
                closes(start, end)
                or (n > 0 and _TIME_FAREWELL_RE.fullmatch(item.text, start, end) is not None)
            )
            and not any(ch.isdigit() for ch in item.text[start:end])
            for n, (start, end) in enumerate(sentences)
        )

    def requested(item: TurnAnalysis, reply: TurnAnalysis) -> bool:
        """The customer asked for something ("Tolong kirim ulang invoicenya ya kak",
        "Please check why I was charged twice.") with no thanks or closing, and the agent's
        short sign-off before the end event does not take it up ("Baik kak, ...", "Sure,
        ..."). Only with an end event: a sign-off alone often reports the request done
        ("Account closed. All the best!")."""
        acts = set(item.acts)
        return (
            (
                any(m.label == "please" for m in item.markers)
                or _WISH_STATEMENT_RE.match(item.text) is not None
            )
            and not ({"thanks", "closing"} & acts)
            and _TAKES_UP_RE.match(reply.text) is None
            and _DONE_RE.search(reply.text) is None
        )

    last = humans[-1]
    if state.reason == "event" and last.role == "agent" and len(humans) >= 2:
        # "Tunggu." and the chat closed: a holding reply answers nothing.
        # So is a short sign-off right before the event ("Thank you, goodbye." + closed).
        before = humans[-2]
        # An auto-reply promising the answer later holds as much (part-Q round: a WhatsApp
        # Business "Pesan Anda sudah kami terima dan akan dibalas ..." and the chat ended).
        holding = (
            holding_reply(last.text)
            or _DEFLECTION_RE.search(last.text) is not None
            or away_reply(last)
        )
        # A bare "Oke." to a question it cannot answer answers nothing either (part-M round).
        if (
            before.role == "customer"
            and _BARE_ACK_RE.fullmatch(last.text) is not None
            and ("question" in before.acts or question_tail(before))
            and unanswered(before)
            and _OPEN_QUESTION_RE.search(before.text) is not None
        ):
            return before.index, False
        # A curt brush-off and the chat closed on a customer still speaking (part-Q round:
        # "it's 7-7-0-4-1-" - "Look, I haven't got all day. Call back when you've found the
        # number." + [Call ended by agent]): it takes nothing up, so it cut them off.
        if (
            before.role == "customer"
            and unfinished(before)
            and "?" not in last.text
            and any(m.label in _BRUSH_OFF_LABELS for m in last.markers)
        ):
            return before.index, True
        # A brush-off that opens the reply and answers nothing, to a question still open,
        # and the chat closed (part-UV round: "Refundnya ke saldo atau ke rekening?" -
        # "Jangan bawel kak, baca FAQ." + the end event; "Stop asking and read the FAQ."):
        # the question was left unanswered. Not a rude answer ("Ke rekening. Jangan
        # bawel."), nor one with a number, a price or a report of something done.
        if (
            before.role == "customer"
            and brushes_off(last)
            and unanswered(before)
            and ("question" in before.acts or question_tail(before))
        ):
            return before.index, False
        # A customer still speaking (a connector, a dash) and the agent's statement and the
        # end event (part-UV round: "... but the router still blinks red, and" - "The visit
        # is marked complete. Closing this ticket." + closed): the agent ended it without
        # hearing them out. Not when the agent asks for the rest ("?").
        if before.role == "customer" and unfinished(before) and "?" not in last.text:
            return before.index, True
        if (holding or short_sign_off(last) or template_sign_off(last)) and (
            before.role == "customer"
        ):
            if unfinished(before):
                return before.index, True
            # A holding reply promises an answer: whatever the customer raised (a complaint,
            # a question without its "?": "tagihan saya kok naik ya") was left unanswered,
            # unless the customer had closed.
            left = holding and not customer_closes(before) and not thanks_in(before)
            if unanswered(before) or left or (not holding and requested(before, last)):
                return before.index, False
    if state.reason == "event" and last.role == "customer":
        if unfinished(last):
            return last.index, True
        # The agent ended it on a customer message that closes nothing (a question, a
        # request, a report): it went unanswered.
        if unanswered(last) or not customer_closes(last):
            return last.index, False
        return None, False
    if state.reason == "sign_off" and len(humans) >= 2 and humans[-2].role == "customer":
        before = humans[-2]
        if unfinished(before):
            return before.index, True
        short = len(_WORD_TOKEN_RE.findall(last.text)) <= CUT_OFF_SIGN_OFF_WORDS
        answers = answers_first(last)
        asked = (
            trailing_if(before)
            or question_tail(before)
            or (
                "question" in before.acts
                and (not ({"thanks", "closing"} & set(before.acts)) or asks_after_thanks(before))
            )
        )
        # A sign-off template of any length is no answer either (part-M round): "Thanks for
        # chatting with us today! Have a great weekend." right after the question.
        if asked and not answers and (short or template_sign_off(last)):
            return before.index, False
    return None, False


BRUSH_OFF_REPLY_WORDS = 10


def brushes_off(item: TurnAnalysis) -> bool:
    """A short agent reply that opens with a brush-off (``_BRUSH_OFF_LABELS``: only an
    address or a take-up word before it) and asks nothing, with no number, price,
    answer or report of something done in it: it answers nothing."""
    text = item.text
    if (
        "?" in text
        or any(ch.isdigit() for ch in text)
        or len(_WORD_TOKEN_RE.findall(text)) > BRUSH_OFF_REPLY_WORDS
        or answers_first(item)
        or _DONE_RE.search(text) is not None
    ):
        return False
    starts = [m.start for m in item.markers if m.label in _BRUSH_OFF_LABELS]
    # At most a take-up and an address before it ("Udah kak, jangan bawel").
    return bool(starts) and len(_WORD_TOKEN_RE.findall(text, 0, min(starts))) <= 2


def question_tail(item: TurnAnalysis) -> bool:
    """The customer's message ends on a question without its "?" (``_QUESTION_TAIL_RE``),
    read in its last sentence only (at most TRAILING_CLAUSE_MAX characters): linear."""
    if item.role != "customer" or "?" in item.text:
        return False
    text = item.text.rstrip()
    start = max(text.rfind("."), text.rfind("!"), text.rfind("\n")) + 1
    if len(text) - start > TRAILING_CLAUSE_MAX:
        return False
    return _QUESTION_TAIL_RE.search(text, start) is not None


def trailing_if(item: TurnAnalysis) -> bool:
    """The customer's message ends on a clause of "if" with no main clause and no thanks
    ("oke daftar jam 10. terus kalau mau sekalian scaling"): an implicit question."""
    if item.role != "customer" or {"thanks", "closing"} & set(item.acts):
        return False
    text = item.text.rstrip()
    # Only the last sentence is read (at most TRAILING_CLAUSE_MAX characters): linear.
    start = max(text.rfind("."), text.rfind("!"), text.rfind("\n")) + 1
    if len(text) - start > TRAILING_CLAUSE_MAX:
        return False
    return _TRAILING_IF_RE.fullmatch(text, start) is not None


# The end of a sentence before the last one: the last sentence starts after it.
_SENTENCE_BREAK_RE = re.compile(r"[.!?\n]+\s")


def asks_after_thanks(item: TurnAnalysis) -> bool:
    """The customer thanks and then asks something new, ending on the question or on a
    statement after it ("Thanks for fixing the login. One more thing, can I change my email
    too?", "Makasih kak. Kalau yang biru ada?"): the question still awaits its answer,
    whatever thanks came first; any thanks after the question closes instead. A
    thanks in the question's own sentence ("Bisa dicek, makasih?") answers nothing either
    way and is left as it was read."""
    text = item.text.rstrip()
    # The last question may be followed by a statement of why ("Also, can you change the
    # address on my other order? I'm moving on Friday."; part-M round): it is still the
    # customer's last word on the matter.
    question_mark = text.rfind("?")
    if question_mark < 0:
        return False
    last_start = 0
    for match in _SENTENCE_BREAK_RE.finditer(text, 0, question_mark):
        last_start = match.end()
    closers = [m for m in item.markers if m.label in ("thanks", "closing")]
    return bool(closers) and last_start > 0 and all(m.end <= last_start for m in closers)
