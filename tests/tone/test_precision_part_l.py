"""The failure classes part L's tuning share showed (docs/tone-history.md, part-L round), each with
new texts (not the dev set's): cancellation requests in colloquial verb forms or with the
product named first, offers recognised by what they offer in an offering frame (the agent
able to give, extend, raise, lower or move something; keeping the product on a condition;
a proposal closed by "Tertarik?" / "Mau Pak?"), a loss accepted as a refusal, customers cut
off after a holding reply, a deflection or a short sign-off that skips a trailing question,
good wishes for the customer's next step, and "Just so you know" as no command. Every class
comes with near-misses that must not fire."""

from __future__ import annotations

import pytest

from karib.tone import analyze, parse
from karib.tone.records import Analysis


def _analyze(document: str) -> Analysis:
    return analyze(parse(document, fmt="text", name="case")[0])


def _codes(document: str) -> set[str]:
    return {f.code for f in _analyze(document).findings}


# --- 1. Cancellation requests: colloquial verb forms, the product named first ---

CANCEL_REQUESTS = [
    "min tolong stopin langganan streaming aku ya",
    "kak berhentiin paket internet rumah saya bulan depan",
    "mbak nonaktifin akun ojek saya aja",
    "Langganan majalah digital saya mau saya berhentikan mulai Januari",
    "kak akun premium aku mau di-cancel aja",
    "Polis asuransi mobil ini ingin saya batalkan, mbak",
    # more verbs of leaving; not continuing what the customer holds
    "I'd like to discontinue my service",
    "I want to quit the gym",
    "Can you deactivate my account please",
    "Let's end the contract",
    "saya mau resign dari member gym",
    "udahan aja langganannya kak",
    "min saya mau unreg paket",
    "kak akun saya tolong dihapus aja",
    "kak nggak mau lanjut langganan lagi",
    "jangan diperpanjang lagi ya langganan saya",
    "kak gausah perpanjang paket saya bulan depan",
]


@pytest.mark.parametrize("text", CANCEL_REQUESTS)
def test_a_request_in_a_colloquial_verb_form_or_with_the_product_first_is_a_cancellation(
    text: str,
) -> None:
    # given
    document = f"Pelanggan: {text}\nAgen: Baik, kami bantu ya\n"
    # then
    assert _analyze(document).summary.cancellation_request


NOT_CANCEL_REQUESTS = [
    "kak kartu kredit saya mau saya pakai buat bayar tiket pesawat, limitnya cukup?",
    "Kalau langganan saya mau diberhentikan, biayanya berapa ya?",
    "kak matiin notifikasi promo di aplikasi caranya gimana?",
    "Paket saya mau saya upgrade ke yang 100 Mbps bisa?",
    "Can you deactivate my card, I lost it at the mall",
    "I want to end the call now, bye",
    "Kalau nggak mau lanjut langganan, ada denda?",
    "saya masih mau lanjut langganan kok",
    "Tolong jangan diperpanjang otomatis ya, saya mau bayar manual aja",
    "cara unreg paket nelpon gimana kak?",
    "Paket saya jangan dihapus ya kak, masih dipakai",
]


@pytest.mark.parametrize("text", NOT_CANCEL_REQUESTS)
def test_using_upgrading_or_asking_about_the_product_is_no_cancellation(text: str) -> None:
    # given
    document = f"Pelanggan: {text}\nAgen: Bisa kak, kami bantu ya\n"
    # then
    assert not _analyze(document).summary.cancellation_request


# --- 2. Offers by what they offer, in an offering frame ---

# A first offer of the class, a clear refusal, a second offer of the class: a push.
PUSHES_BY_FRAME = [
    # the agent able to move the plan / give a benefit, a proposal closed by "Mau Pak?"
    (
        "Nasabah: mbak saya mau berhenti asuransi jiwa, berat bayarnya\n"
        "Agen: Baik Pak. Polis Bapak bisa kami alihkan ke plan Basic, preminya jadi "
        "300 ribu sebulan. Mau Pak?\n"
        "Nasabah: tidak mbak, berhenti saja\n"
        "Agen: Kami juga bisa kasih potongan premi 3 bulan pertama, Pak\n"
    ),
    # a proposal with its price closed by "Tertarik?", then a validity extended
    (
        "Member: kak aku mau berhenti member yoga bulan ini\n"
        "Agen: Halo kak! Ada kelas weekend-only kak, hanya 150rb sebulan. Tertarik kak?\n"
        "Member: nggak kak, makasih\n"
        "Agen: Kalau gitu masa aktif member kakak bisa kami perpanjang 1 bulan tanpa bayar\n"
    ),
    # keeping the product on a condition, with what the customer gets
    (
        "Pelanggan: mas saya mau tutup akun e-wallet saya\n"
        "Agen: Kalau akun tetap aktif sampai akhir tahun, Bapak dapat saldo 50rb dari kami\n"
        "Pelanggan: gak usah mas, tutup aja\n"
        "Agen: Limit transfer harian Bapak juga bisa kami naikkan jadi 25 juta\n"
    ),
    # English: the agent able to extend / lower, closed by "Interested?"
    (
        "Customer: Please cancel my music subscription.\n"
        "Agent: We have a student tier for just $4.99 a month. Interested?\n"
        "Customer: No, I just want it cancelled.\n"
        "Agent: I could also extend your current plan by two months at no charge.\n"
    ),
    (
        "Customer: I'm calling to cancel my internet.\n"
        "Agent: I can lower your monthly bill to $40 if you stay with us.\n"
        "Customer: Not interested.\n"
        "Agent: We could also raise your speed to 500 Mbps for the same price.\n"
    ),
]


@pytest.mark.parametrize("document", PUSHES_BY_FRAME)
def test_an_offer_by_what_it_offers_after_a_refusal_is_a_push(document: str) -> None:
    assert "push_after_refusal" in _codes(document)


# The same frames offering nothing: information, the cancellation's own steps, a fee for
# leaving reduced, a negated offer. No push, whatever the customer answered.
NOT_OFFERS = [
    "Kami bisa kirimkan formulir penutupan ke email Bapak. Mau Pak?",
    "Jika kartu masih aktif sampai tanggal 5, tagihan bulan ini tetap terbit ya Pak",
    "Saya akan kasih tahu nomor tiketnya setelah diproses ya Pak",
    "Biaya pembatalan bisa kami turunkan jadi 50rb karena Bapak nasabah lama",
    "Mohon maaf, kami tidak bisa kasih potongan lagi Pak",
    "I can give you the reference number now. Would you like that?",
    "We can move your final bill to the new address. Interested in paperless billing?",
    "We have a cancellation form, it takes just 2 minutes. Interested?",
    "Bisa kami proses sekarang penutupan paket Bapak, mau Pak?",
    "We can close your plan today or at the end of the month. Which would suit you?",
    "If your account stays open until the refund clears, you'll get the money faster.",
    "Baik Bu, kalau kartu masih aktif sampai tanggal 5, nanti Ibu dapat tagihan terakhir ya",
    "I'll add a note that your plan ends on the 30th.",
    "Baik, kami kirimkan konfirmasi dan sisa poin akan kami tambahkan ke akun utama Bapak",
]


@pytest.mark.parametrize("text", NOT_OFFERS)
def test_the_frames_offering_nothing_are_no_push(text: str) -> None:
    # given (a first offer refused, then the agent's turn under test)
    document = (
        "Pelanggan: mas saya mau tutup kartu kredit saya\n"
        "Agen: Sebelumnya, kami bisa kasih diskon iuran 50% Pak\n"
        "Pelanggan: nggak usah mas, tutup aja\n"
        f"Agen: {text}\n"
    )
    # then
    assert "push_after_refusal" not in _codes(document)


def test_a_proposal_taken_up_is_no_refusal_and_no_push() -> None:
    # given
    document = (
        "Pelanggan: kak mau berhenti langganan tv kabel\n"
        "Agen: Ada paket Hemat kak, cuma 89rb sebulan. Mau coba kak?\n"
        "Pelanggan: boleh deh kak, pindah ke itu\n"
        "Agen: Siap kak, sudah kami pindahkan. Kami juga kasih bonus 1 bulan gratis ya\n"
    )
    # then
    assert "push_after_refusal" not in _codes(document)


# --- 3. A loss accepted refuses the offer ---

LOSS_ACCEPTED = [
    ("Sayang kak, poin 20.000 kakak bakal hangus", "gapapa kak"),
    ("Are you sure? You'll lose your saved playlists.", "That's fine."),
    ("Yakin Pak? Nanti status Gold Bapak hilang", "tidak apa-apa mbak"),
]


@pytest.mark.parametrize(("loss", "reply"), LOSS_ACCEPTED)
def test_accepting_the_loss_refuses_it_and_the_next_offer_is_a_push(loss: str, reply: str) -> None:
    # given
    document = (
        f"Pelanggan: saya mau berhenti langganan\nAgen: {loss}\nPelanggan: {reply}\n"
        "Agen: Kalau begitu kami kasih diskon 50% untuk 3 bulan ke depan\n"
    )
    # then
    assert "push_after_refusal" in _codes(document)


def test_no_problem_taking_an_offer_is_still_no_refusal() -> None:
    # given (the reply accepts the offered thing, not the loss)
    document = (
        "Pelanggan: saya mau berhenti langganan\n"
        "Agen: Sayang kak, poinnya hangus. Mau pindah ke paket 49rb aja?\n"
        "Pelanggan: gapapa kak, ambil yang 49rb\n"
        "Agen: Siap, kami kasih juga bonus kuota 5GB ya kak\n"
    )
    # then
    assert "push_after_refusal" not in _codes(document)


# --- 4. Cut-offs: a holding reply with a take-up, a deflection, a skipped trailing question ---

CUT_OFFS = [
    (
        "Pelanggan: kak saldo saya kepotong dua kali, tolong dicek\n"
        "Agen: Baik kak, mohon ditunggu ya 🙏\n"
        "[Chat ditutup oleh agen]\n"
    ),
    (
        "Customer: My refund from last week still hasn't arrived. Where is it?\n"
        "Agent: Sure, one moment please.\n"
        "[Chat ended by agent]\n"
    ),
    (
        "Customer: The router still blinks red. Is someone coming today?\n"
        "Agent: We are closing for today. Please contact us again tomorrow.\n"
        "[Agent has left the chat]\n"
    ),
    (
        "Pelanggan: sy pesan kue ulang tahun buat Minggu ya, nama Andi. terus kalau mau "
        "tambah tulisan di atasnya\n"
        "Agen: Baik kak, pesanan sudah dicatat. Terima kasih 🙏\n"
        "[Chat diakhiri oleh agen]\n"
    ),
]


@pytest.mark.parametrize("document", CUT_OFFS)
def test_a_customer_left_with_a_want_unmet_is_cut_off(document: str) -> None:
    # when
    codes = _codes(document)
    # then
    assert "customer_cut_off" in codes
    assert "no_courteous_closure" not in codes


NOT_CUT_OFFS = [
    # the customer closed before the holding reply
    (
        "Pelanggan: oke kak makasih ya\nAgen: Baik kak, mohon ditunggu ya 🙏\n"
        "[Chat ditutup oleh agen]\n"
    ),
    # a condition softening a request that was answered
    (
        "Pelanggan: tolong kirim ulang invoicenya ke email kalau bisa\n"
        "Agen: Sudah kami kirim ulang kak, terima kasih 🙏\n"
        "[Chat diakhiri oleh agen]\n"
    ),
    # a trailing clause with its main clause: a request taken up
    (
        "Pelanggan: oke kak. kalau ada promo lagi kabari ya\n"
        "Agen: Siap kak, terima kasih 🙏\n"
        "[Chat diakhiri oleh agen]\n"
    ),
    # a deflection after the customer's own closing
    (
        "Customer: Got it, thanks a lot.\n"
        "Agent: You're welcome. Please contact us again if anything comes up.\n"
        "[Chat ended by agent]\n"
    ),
]


@pytest.mark.parametrize("document", NOT_CUT_OFFS)
def test_a_customer_who_closed_or_was_answered_is_not_cut_off(document: str) -> None:
    assert "customer_cut_off" not in _codes(document)


# --- 5. Good wishes for the customer's next step close the chat ---

WISHES = [
    "Sudah kami hentikan kak. Sukses di kantor barunya ya kak",
    "Membership sudah dibekukan. Semoga cepat pulih ya Bu",
    "Your booking is moved to Friday. Get well soon!",
]


@pytest.mark.parametrize("text", WISHES)
def test_good_wishes_for_the_next_step_end_the_chat_courteously(text: str) -> None:
    # given
    document = f"Pelanggan: tolong bantu ya kak\nAgen: Baik, mohon nomornya\nPelanggan: 12345\nAgen: {text}\n"
    # when
    analysis = _analyze(document)
    # then
    assert analysis.summary.conversation_state == "ended_by_agent"
    assert not analysis.findings


def test_a_transaction_that_succeeded_is_no_wish() -> None:
    # given
    document = "Pelanggan: kak sudah transfer\nAgen: Pembayaran sukses di aplikasi ya kak\n"
    # then
    assert _analyze(document).summary.conversation_state == "open"


# --- 6. "Just so you know" is no bare command ---


def test_just_so_you_know_is_no_command_and_no_tone_shift() -> None:
    # given
    document = (
        "Customer: I'd like to cancel my gym membership please.\n"
        "Agent: Sorry to hear that! Would a cheaper off-peak plan help?\n"
        "Customer: No thank you, I'd like to cancel.\n"
        "Agent: Just so you know, the cancellation takes effect at the end of the month.\n"
        "Customer: That's ok.\n"
    )
    # then
    assert "tone_shift" not in _codes(document)


def test_just_as_a_bare_command_is_still_one() -> None:
    # given
    document = "Customer: Why is my order late?\nAgent: Just wait like everyone else.\n"
    # when
    turn = _analyze(document).turns[1]
    # then
    assert any(m.label == "bare_imperative" for m in turn.markers)


# --- 7. More offer shapes, more refusal shapes (new probe texts over the brief's classes) ---


def _after_a_refusal(lang: str, offer: str, refusal: str = "") -> str:
    if lang == "en":
        return (
            "Customer: Please cancel my membership.\n"
            "Agent: Before that, we can offer you 20% off for 3 months.\n"
            f"Customer: {refusal or 'No thanks, please cancel it.'}\n"
            f"Agent: {offer}\n"
        )
    return (
        "Pelanggan: kak saya mau berhenti langganan\n"
        "Agen: Sebelumnya, kami bisa kasih diskon 20% 3 bulan kak\n"
        f"Pelanggan: {refusal or 'nggak kak makasih, berhenti aja'}\n"
        f"Agen: {offer}\n"
    )


MORE_OFFERS = [
    ("en", "I'd hate to see you go - I can match any competitor's price."),
    ("en", "Keep it for another month on us?"),
    ("en", "I can set the account to hibernate for a few months."),
    ("en", "Is there anything that would change your mind?"),
    ("en", "I see you're a long-time member, so I can lock in your current rate for a year."),
    ("id", "Sayang kak, tinggal sebulan lagi poin kakak cukup buat tukar voucher"),
    ("id", "Nggak sayang Bu? Member Ibu udah 3 tahun lho"),
    ("id", "Pak, kalau ditahan dulu sebulan gimana? Nanti kami telepon lagi"),
    ("id", "Apa nggak mau dicoba dulu paket yang lebih kecil kak?"),
    ("id", "Bisa juga pakai opsi bayar per 3 bulan kak, lebih ringan"),
    ("id", "Ada paket sekeluarga kak, berempat cuma 120rb"),
    ("id", "Pertimbangkan lagi ya kak, bulan depan ada fitur baru"),
    # the call-centre register: a concession, payments spread, a hold on billing, one more
    # month asked for, a bill the agent bears
    ("en", "The best I can do is fifteen dollars a month for the next year."),
    ("en", "If money's tight, we can spread the payments out with no interest."),
    ("en", "I can put a hold on billing for sixty days, no charge."),
    ("id", "Pak, kalau mau, tagihan bulan depan kami tanggung"),
    ("id", "Kalau soal harga, kami bisa kasih cicilan tanpa bunga Pak"),
    ("id", "Coba dulu sebulan lagi kak, kalau masih nggak cocok baru berhenti"),
]


@pytest.mark.parametrize(("lang", "offer"), MORE_OFFERS)
def test_more_offer_shapes_after_a_refusal_are_pushes(lang: str, offer: str) -> None:
    assert "push_after_refusal" in _codes(_after_a_refusal(lang, offer))


# Told while honouring the cancellation: a benefit already held, the account settled, a fee
# for leaving made free, more help, the refund's way. No push.
INFORMATION_WHILE_HONOURING = [
    ("en", "Understood, it's cancelled. Your discount from last month still applies."),
    ("en", "No problem. I'll process it now; the free month you already used won't be charged."),
    ("en", "Sure thing. Would you like the refund on your card or as store credit?"),
    ("en", "Alright, it's cancelled. If you ever want to come back, we'd be happy to have you."),
    ("id", "Baik kak, sudah kami hentikan. Cashback bulan lalu tetap masuk ke saldo kakak ya"),
    ("id", "Baik kak, biaya pembatalannya kami gratiskan ya, sudah kami proses"),
    ("id", "Baik kak, tagihan terakhir kami kurangi dengan sisa deposit kakak"),
    (
        "id",
        "Oke kak, langganan berhenti akhir bulan. Voucher yang sudah diklaim tetap bisa dipakai",
    ),
    ("en", "The best I can do is process it today."),
    ("en", "Unfortunately there's no interest refund on the final bill."),
    ("en", "I've put a hold on the refund until the payment clears."),
    ("id", "Baik kak, pesanan dibatalkan, ongkir returnya kami tanggung"),
    ("id", "Baik kak, pelunasan sisa tagihan bisa tanpa bunga tambahan"),
]


@pytest.mark.parametrize(("lang", "text"), INFORMATION_WHILE_HONOURING)
def test_benefits_held_or_the_account_settled_while_honouring_are_no_push(
    lang: str, text: str
) -> None:
    assert "push_after_refusal" not in _codes(_after_a_refusal(lang, text))


def test_a_fee_waived_on_condition_of_staying_is_still_an_offer() -> None:
    # given
    document = _after_a_refusal(
        "en", "If you stay until June, we can waive the early termination fee."
    )
    # then
    assert "push_after_refusal" in _codes(document)


MORE_REFUSALS = [
    ("en", "That won't be necessary"),
    ("en", "Definitely not"),
    ("en", "Hard pass"),
    ("en", "Not today"),
    ("en", "Sorry, my decision is final"),
    ("en", "It's a no from me"),
    ("id", "skip kak"),
    ("id", "udah deh kak, langsung aja"),
    ("id", "sudah kak, cukup"),
    ("id", "saya bilang berhenti ya berhenti"),
    ("id", "lanjut proses berhentinya aja kak"),
]


@pytest.mark.parametrize(("lang", "refusal"), MORE_REFUSALS)
def test_more_refusal_shapes_make_the_next_offer_a_push(lang: str, refusal: str) -> None:
    # given
    offer = "How about a free month instead?" if lang == "en" else "Kami kasih cashback 100rb ya"
    # then
    assert "push_after_refusal" in _codes(_after_a_refusal(lang, offer, refusal))


NOT_REFUSALS = [
    ("en", "It's a no-brainer, I'll take it"),
    ("en", "Not now, let me think about it first"),
    ("en", "Skip the discount, can I get the free month?"),
    ("id", "cukup menarik sih kak, berapa lama promonya?"),
    ("id", "proses pembatalannya berapa lama kak?"),
    ("id", "langsung aja kak, diaktifkan diskonnya"),
]


@pytest.mark.parametrize(("lang", "reply"), NOT_REFUSALS)
def test_a_reply_that_takes_weighs_or_asks_is_no_refusal(lang: str, reply: str) -> None:
    # given
    offer = "How about a free month instead?" if lang == "en" else "Kami kasih cashback 100rb ya"
    # then
    assert "push_after_refusal" not in _codes(_after_a_refusal(lang, offer, reply))


# --- 8. Warm closes in other words are courteous ---

WARM_CLOSES = [
    ("id", "Baik Bu, salam untuk keluarga"),
    ("id", "Jaga kesehatan ya kak"),
    ("id", "Semangat ya kak!"),
    ("id", "Kabari lagi ya kak kalau ada kendala"),
    ("id", "Siap kak, senang bisa bantu"),
    ("id", "Iya kak, sehat2 ya"),
    ("en", "Pleasure talking to you!"),
    ("en", "Stay well!"),
    ("en", "Take it easy."),
    ("en", "Catch you later."),
    ("en", "Glad it arrived safely!"),
    ("en", "Great, enjoy!"),
    ("en", "Wonderful, have fun with it!"),
]


@pytest.mark.parametrize(("lang", "text"), WARM_CLOSES)
def test_a_warm_close_in_other_words_is_courteous(lang: str, text: str) -> None:
    # given
    if lang == "en":
        document = f"Customer: Got the parcel, thanks.\nAgent: {text}\n[Chat ended by agent]\n"
    else:
        document = (
            f"Pelanggan: paket sudah sampai kak, makasih\nAgen: {text}\n[Chat diakhiri oleh agen]\n"
        )
    # then
    assert "no_courteous_closure" not in _codes(document)


BARE_ENDS = ["Ok.", "Correct.", "hitam sama navy kak", "Semangat kerja kami tidak kenal libur."]


@pytest.mark.parametrize("text", BARE_ENDS)
def test_a_bare_last_message_still_lacks_a_courteous_closure(text: str) -> None:
    # given
    document = (
        f"Pelanggan: oke kak, saya pikir-pikir dulu\nAgen: {text}\n[Chat diakhiri oleh agen]\n"
    )
    # then
    assert "no_courteous_closure" in _codes(document)


# --- 9. A sign-off template of any length, a wish stated as a request, "really?" ---

CUT_BY_SIGN_OFF = [
    # a long template sign-off after a question
    (
        "Nasabah: mbak, kartu ATM saya tertelan di mesin, gimana cara ambilnya?\n"
        "Agen: Terima kasih telah menghubungi layanan pelanggan Bank Nusantara, semoga hari "
        "Anda menyenangkan.\n"
        "[Panggilan diakhiri oleh agen]\n"
    ),
    # a request stated as a wish, left with a sign-off
    (
        "Pelanggan: kak saya mau ganti alamat pengiriman pesanan 4412\n"
        "Agen: Terima kasih kak, selamat beraktivitas 😊\n"
        "[Chat diakhiri oleh agen]\n"
    ),
    (
        "Customer: I need the invoice for October resent to my new email\n"
        "Agent: Thanks for reaching out, have a great day!\n"
        "[Chat ended by agent]\n"
    ),
]


@pytest.mark.parametrize("document", CUT_BY_SIGN_OFF)
def test_a_sign_off_that_answers_nothing_cuts_the_customer_off(document: str) -> None:
    assert "customer_cut_off" in _codes(document)


ANSWERED_OR_CLOSED = [
    (
        "Pelanggan: kak saya mau bilang makasih, paketnya udah sampai\n"
        "Agen: Terima kasih kembali kak, selamat beraktivitas 😊\n"
        "[Chat diakhiri oleh agen]\n"
    ),
    (
        "Pelanggan: kak saya mau ganti alamat pengiriman pesanan 4412 ke Jl. Mawar 5\n"
        "Agen: Baik kak, alamat sudah kami ubah. Terima kasih, selamat beraktivitas 😊\n"
        "[Chat diakhiri oleh agen]\n"
    ),
    (
        "Nasabah: oke mbak, sudah jelas, makasih\n"
        "Agen: Terima kasih telah menghubungi layanan pelanggan Bank Nusantara, semoga hari "
        "Anda menyenangkan.\n"
        "[Panggilan diakhiri oleh agen]\n"
    ),
]


@pytest.mark.parametrize("document", ANSWERED_OR_CLOSED)
def test_a_sign_off_after_an_answer_or_the_customers_close_cuts_nobody_off(
    document: str,
) -> None:
    assert _codes(document) == set()


REALLY = [
    ("en", "Do you really want to cancel after five years with us?"),
    ("id", "Beneran kak? 🥺"),
]


@pytest.mark.parametrize(("lang", "text"), REALLY)
def test_are_you_sure_in_other_words_after_a_refusal_is_a_push(lang: str, text: str) -> None:
    assert "push_after_refusal" in _codes(_after_a_refusal(lang, text))


def test_a_yes_to_really_refuses_it() -> None:
    # given
    document = (
        "Pelanggan: kak mau berhenti langganan\n"
        "Agen: Serius mau berhenti kak?\n"
        "Pelanggan: serius kak\n"
        "Agen: Kami kasih diskon 30% deh kak\n"
    )
    # then
    assert "push_after_refusal" in _codes(document)


def test_serius_thanking_after_honouring_is_no_push() -> None:
    document = _after_a_refusal(
        "id", "Baik kak, sudah kami hentikan. Serius, terima kasih sudah langganan 2 tahun 🙏"
    )
    assert "push_after_refusal" not in _codes(document)


# --- 10. Dismissals and blame in more words ---

_COMPLAINT = {
    "id": (
        "Pelanggan: kak, kenapa pesanan saya belum dikirim? sudah 5 hari\n"
        "Agen: Mohon maaf kak, kami cek dulu ya 🙏\n"
        "Pelanggan: ini gimana sih, lama banget\n"
    ),
    "en": (
        "Customer: Why hasn't my order shipped? It's been 5 days.\n"
        "Agent: Sorry about that, let me check for you.\n"
        "Customer: This is ridiculous, how long do I wait?\n"
    ),
}

CURT_IN_MORE_WORDS = [
    ("id", "Ya sudah kalau nggak percaya"),
    ("id", "Itu urusan Bapak"),
    ("id", "Bapak aja yang nggak ngerti"),
    ("id", "Saya kan udah jelasin berkali-kali"),
    ("id", "Udah dibilangin dari tadi"),
    ("id", "Kalau nggak mau ya udah"),
    ("id", "Silakan cari toko lain aja kalau gitu"),
    ("id", "Nggak bisa, titik."),
    ("id", "Bukan tugas saya"),
    ("id", "Dibilang nggak bisa ya nggak bisa"),
    ("en", "That's not my job."),
    ("en", "Take it or leave it."),
    ("en", "Go somewhere else then."),
    ("en", "You should've read the terms."),
    ("en", "I've told you three times already."),
    ("en", "Calm down."),
    ("en", "Deal with it."),
    ("en", "Are you even listening?"),
    ("en", "It is what it is."),
    ("en", "Read the FAQ like everyone else."),
    ("en", "How many times do I have to say it?"),
]


@pytest.mark.parametrize(("lang", "text"), CURT_IN_MORE_WORDS)
def test_a_dismissal_or_blame_in_more_words_is_curt(lang: str, text: str) -> None:
    # when
    codes = _codes(f"{_COMPLAINT[lang]}Agent: {text}\n")
    # then
    assert {"curt_language", "tone_shift"} <= codes


NOT_CURT = [
    ("id", "Itu urusan tim logistik kami, saya bantu eskalasi ya kak"),
    ("id", "Untuk urusan Bapak yang kemarin, sudah kami proses ya Pak"),
    ("id", "Mohon maaf, itu bukan wewenang saya, saya sambungkan ke bagian klaim ya"),
    ("id", "Kalau nggak mau ya udah nggak apa-apa kak, kabari aja kalau berubah pikiran"),
    ("id", "Bapak tidak usah khawatir, kami bantu sekarang"),
    ("en", "Sorry, that's not my department, let me transfer you."),
    ("en", "Our team will deal with it today, sorry for the wait."),
    ("en", "You'll get the same discount like everyone else, it's applied at checkout."),
    ("en", "The parcel may go somewhere else if the label is wrong, so please check it."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_CURT)
def test_the_same_words_handing_over_or_informing_are_not_curt(lang: str, text: str) -> None:
    assert "curt_language" not in _codes(f"{_COMPLAINT[lang]}Agent: {text}\n")
