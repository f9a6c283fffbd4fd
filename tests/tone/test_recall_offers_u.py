"""Recall of retention offers and refusals on wording no rule was tuned on (the part-U
recall round, docs/tone-history.md): a class grid written from public retention scripts
and save-desk guides, not from the dev set, labelled before the engine ran on it.

Evidence for the wordings (agents' offers and customers' refusals, read for vocabulary,
never copied):
  https://www.rebounce.dev/templates/cancellation-rescue-email  (pause / downgrade / % off)
  https://prompts.aireadycmo.com/prompts/cancellation-flow-copy-108/  ("take a break
      instead?", "what would make you stay?", "one last thing before you go")
  https://elevatesyracuse.com/membership-change/  ("freeze it instead", "protect your rate")
  https://alittlelilly.com/2011/06/16/quitting-the-gym/  (a "freeze rate of only $10")
  https://credit.com/blog/what-is-a-retention-offer-110394  (fee waiver, statement credit)
  https://cardocrat.com/learn/retention-offers-explained/  (credit offsetting the fee)
  https://finnews.id/2026/02/07/cara-menutup-kartu-kredit-dengan-aman-dan-tuntas-hindari-
      tagihan-hantu-yang-bisa-muncul-bertahun-tahun/2  ("dirayu retention team":
      penghapusan annual fee, kenaikan limit, voucher belanja; "tolak dengan sopan")
  https://bloggerdetikindonesia.blogspot.com/2018/01/tutup-kartu-kredit-tak-semudah-yang.html
      (a card blocked for the wait: procedure, no offer)
  https://telenow.ai/templates/subscription-cancel-retain  (one save attempt, then process)

The grid: offer type x frame (question, conditional, statement, imperative suggestion,
"would you consider", the passive "there is a promo") x language (formal and informal
Indonesian, English, mixed, Javanese and Sundanese touches); refusal forms; and
near-misses that must stay quiet (offers before any refusal, information about the
cancellation or its fees after a refusal, confirmations, "anything else?", a "no" that
refuses nothing, the agent naming a product without offering it).
"""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse


def _codes(document: str) -> set[str]:
    return {f.code for f in analyze(parse(document, fmt="text", name="case")[0]).findings}


_CANCEL = {
    "id": "Halo kak, saya mau berhenti langganan.",
    "en": "Hi, I want to cancel my subscription.",
}
_KNOWN = {
    "id": "Sebelum berhenti, ada diskon 50% untuk 3 bulan lho kak.",
    "en": "Before you cancel, I can offer you a 50% discount for 3 months.",
}


def _after_refusal(lang: str, turn: str) -> str:
    """A request, a known offer, a clear refusal, then ``turn`` and a closing."""
    if lang == "en":
        return (
            f"Customer: {_CANCEL[lang]}\nAgent: {_KNOWN[lang]}\n"
            "Customer: No thanks, please just go ahead.\n"
            f"Agent: {turn}\n"
            "Customer: Ok.\n"
            "Agent: Thank you and have a good day.\n"
        )
    return (
        f"Pelanggan: {_CANCEL[lang]}\nAgen: {_KNOWN[lang]}\n"
        "Pelanggan: Nggak usah kak, makasih. Tetap mau berhenti.\n"
        f"Agen: {turn}\n"
        "Pelanggan: Ok kak.\n"
        "Agen: Terima kasih ya kak.\n"
    )


# --- offers after a clear refusal: each is a push -----------------------------------------
# (class, language, the agent's turn)
OFFERS = [
    # a pause or a break
    ("pause", "en", "Take a break instead? You can come back whenever you like."),
    ("pause", "en", "You could skip the next two deliveries and keep your spot."),
    ("pause", "id", "Kalau lagi sibuk, langganannya bisa diistirahatkan dulu 2 bulan kak."),
    ("pause", "id", "Mau distop sementara aja kak? Nanti bisa lanjut lagi."),
    ("pause", "id", "Gimana kalau ditunda dulu langganannya kak?"),
    ("pause", "jv", "Pripun menawi langganane dipun pending rumiyin, Mas?"),
    # money off, a lower bill
    ("discount", "en", "I can take ten dollars off every month for you."),
    ("discount", "en", "We can bring it down to 29 a month if that helps."),
    ("discount", "en", "Let me see what I can do on the price for you."),
    ("discount", "id", "Saya bisa kasih harga yang lebih miring kak."),
    ("discount", "id", "Biaya bulanannya bisa kami kecilin jadi 50rb kak."),
    ("discount", "id", "Tagihan bulan depan cukup bayar setengahnya aja kak, gimana?"),
    # a fee waived or reversed
    ("fee", "en", "We can drop the annual fee for this year."),
    ("fee", "en", "I'll have this year's annual fee reversed if you keep the card open."),
    ("fee", "id", "Annual fee tahun ini kami hilangkan kalau kartunya tetap dipakai, Pak."),
    # a free period
    ("free", "en", "We'll cover the next two months for you."),
    ("free", "id", "Bulan depan nggak usah bayar kak, biar kami yang tanggung."),
    # a cheaper or different plan
    ("plan", "en", "Our Essentials tier might be a better fit, and it's only 8 a month."),
    ("plan", "en", "You can keep the account open on the free tier."),
    ("plan", "id", "Paket 10 Mbps juga ada kak, cuma 150rb sebulan."),
    ("plan", "id", "Kakak bisa turun ke kelas reguler aja, harganya setengah."),
    ("plan", "id", "Coba pakai paket harian dulu aja kak."),
    ("plan", "en", "Try the weekly box for a month and see how it goes."),
    # an upgrade or more for the same price
    ("upgrade", "en", "I can bump your speed to 100 Mbps at the same price."),
    ("upgrade", "en", "Same price, double the data. Would that change things?"),
    ("upgrade", "id", "Kecepatan internetnya bisa kami naikkan ke 50 Mbps, harga tetap kak."),
    # a loss or an "are you sure"
    ("loss", "en", "Just to double-check, you're sure you want to give up the membership?"),
    ("loss", "en", "Keep in mind your price lock goes away if you leave."),
    ("loss", "en", "Honestly, you'd be walking away from 12,000 points."),
    ("loss", "id", "Nanti poin kakak yang 50rb itu hilang lho."),
    ("loss", "jv", "Eman banget lho mas, poinnya wis akeh."),
    ("loss", "su", "Sayang pisan atuh Teh, promona tinggal sabulan deui."),
    ("loss", "id", "Mungkin bisa dipertimbangkan dulu Pak, sayang manfaat polisnya."),
    # a plea or another try
    ("plea", "en", "Is there anything that would convince you to stay?"),
    ("plea", "id", "Boleh saya tawarin satu hal lagi kak?"),
    ("plea", "id", "Ada satu opsi lagi nih kak sebelum ditutup."),
    ("plea", "en", "What would it take for you to stay with us another year?"),
    # a promotion in the passive
    ("promo", "en", "There's a spring deal for existing members, 10 a month for a year."),
    ("promo", "id", "Kebetulan lagi ada program loyalitas buat pelanggan lama kak."),
]


@pytest.mark.parametrize(
    ("kind", "lang", "offer"), OFFERS, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(OFFERS)]
)
def test_an_offer_after_a_clear_refusal_is_a_push(kind: str, lang: str, offer: str) -> None:
    doc = _after_refusal("en" if lang == "en" else "id", offer)
    assert "push_after_refusal" in _codes(doc)


# --- refusals of a first offer: the known second offer is a push ------------------------
REFUSALS = [
    ("en", "No offers please, just the cancellation."),
    ("en", "Still want out."),
    ("en", "Not a chance."),
    ("en", "Not gonna happen."),
    ("en", "Honestly I'm not budging on this."),
    ("en", "I'll go ahead with the cancellation, thanks."),
    ("en", "Let's just go ahead with it."),
    ("en", "Just process it please."),
    ("en", "I'm good, really. Go ahead."),
    ("id", "Tetep mau cabut kak."),
    ("id", "Lanjut batal aja kak."),
    ("id", "Lanjutin aja kak pembatalannya."),
    ("id", "Diproses aja kak penutupannya."),
    ("id", "Udah gak butuh lagi kak."),
    ("jv", "Mboten usah, matur nuwun."),
    ("su", "Teu kedah Teh, hatur nuhun."),
]


@pytest.mark.parametrize(("lang", "reply"), REFUSALS)
def test_a_refusal_in_new_words_makes_the_next_offer_a_push(lang: str, reply: str) -> None:
    if lang == "en":
        doc = (
            f"Customer: {_CANCEL['en']}\nAgent: {_KNOWN['en']}\nCustomer: {reply}\n"
            "Agent: Are you sure? You'll lose all your points.\n"
            "Customer: Yes. Please cancel.\nAgent: Done. Thank you and have a good day.\n"
        )
    else:
        doc = (
            f"Pelanggan: {_CANCEL['id']}\nAgen: {_KNOWN['id']}\nPelanggan: {reply}\n"
            "Agen: Yakin mau berhenti kak? Nanti poinnya hangus lho.\n"
            "Pelanggan: Iya yakin.\nAgen: Baik kak, sudah kami proses. Terima kasih ya kak.\n"
        )
    assert "push_after_refusal" in _codes(doc)


# --- near-misses after a refusal: information, confirmation, process; none is a push ------
NOT_OFFERS = [
    ("en", "Understood. Your card will be closed within 2 working days."),
    ("id", "Baik kak, penutupan kartu dikenakan biaya materai 10rb ya."),
    ("en", "Sure. The remaining balance of $12 will be refunded to your card."),
    ("id", "Baik Pak, kartunya sudah kami tutup. Ada lagi yang bisa dibantu?"),
    ("en", "Got it. Is there anything else I can help with today?"),
    ("en", "No problem. Can you confirm the last four digits of the card?"),
    ("en", "Noted. Your plan stays active until the end of the billing period."),
    ("id", "Ok kak. Sebagai info, langganan bisa diaktifkan lagi lewat aplikasi."),
    ("en", "Alright, the cancellation fee is waived since you're out of contract."),
    ("id", "Baik Bu, biaya pembatalan kami gratiskan karena masih dalam 14 hari."),
    ("en", "Your Premium plan ends on the 31st and won't renew."),
    ("id", "Refund akan masuk ke rekening dalam 7 hari kerja ya kak."),
    ("en", "You'll get a confirmation email shortly. Before you go, could you rate this chat?"),
    ("en", "Would you like a copy of the closure letter?"),
    ("en", "Do you want me to also remove the autopay from your bank?"),
    ("en", "If you change your mind later, you can sign up again on our website."),
    ("id", "Kalau nanti berubah pikiran, kakak bisa daftar lagi kapan saja ya."),
    ("id", "Sambil menunggu 2 kali tagihan, kartunya bisa diblokir sementara dulu Pak."),
    ("id", "Siap kak, poin yang tersisa bisa ditukar sebelum tanggal 30 ya."),
    ("en", "Understood, I won't offer anything else. Processing it now."),
]


@pytest.mark.parametrize(("lang", "turn"), NOT_OFFERS)
def test_information_after_a_refusal_is_no_push(lang: str, turn: str) -> None:
    assert "push_after_refusal" not in _codes(_after_refusal(lang, turn))


# --- near-misses around the refusal: no clear refusal before the next offer ---------------
NOT_REFUSED = [
    # offers before any refusal, then a refusal honoured
    (
        "Customer: I want to cancel my gym membership.\n"
        "Agent: We could freeze it for up to three months instead.\n"
        "Agent: Or I can take 20% off for the rest of the year.\n"
        "Customer: No thanks, just cancel.\n"
        "Agent: Done, it's cancelled. Thank you!\n"
    ),
    (
        "Pelanggan: Mau tutup kartu kredit kak.\n"
        "Agen: Iuran tahunannya bisa kami hapuskan tahun ini Pak.\n"
        "Agen: Limitnya juga bisa kami naikkan.\n"
        "Pelanggan: Tidak usah, tutup saja.\n"
        "Agen: Baik Pak, sudah kami proses penutupannya. Terima kasih.\n"
    ),
    # a question about the offer, then its answer
    (
        "Customer: I want to cancel my subscription.\n"
        "Agent: I can offer you 30% off for three months.\n"
        "Customer: How long would the discount last after that?\n"
        "Agent: The 30% off runs three months, then it's the normal price.\n"
        "Customer: Ok, I'll take it.\n"
        "Agent: Great, it's applied. Thank you!\n"
    ),
    # the offer accepted
    (
        "Pelanggan: Mau berhenti langganan kak.\n"
        "Agen: Ada paket Lite cuma 15rb/bulan kak, mau dicoba?\n"
        "Pelanggan: Boleh kak, ambil yang Lite.\n"
        "Agen: Siap kak, sudah kami pindahkan ke Lite, bulan pertama gratis ya.\n"
        "Pelanggan: Makasih kak.\n"
    ),
    # undecided, not a refusal
    (
        "Pelanggan: Mau berhenti langganan kak.\n"
        "Agen: Ada diskon 50% untuk 3 bulan kak.\n"
        "Pelanggan: Bentar kak, aku pikir-pikir dulu ya.\n"
        "Agen: Siap kak, diskonnya berlaku sampai akhir bulan ya.\n"
        "Pelanggan: Oke kak.\n"
    ),
]


@pytest.mark.parametrize("doc", NOT_REFUSED)
def test_no_offer_after_a_clear_refusal_is_no_push(doc: str) -> None:
    assert "push_after_refusal" not in _codes(doc)
