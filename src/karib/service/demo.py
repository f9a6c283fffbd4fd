"""The card-services story: Bank Arunika's team, four agents, about thirty conversations.

Among them the brief's story: a customer calls to close a credit card he never uses; the
agent pushes offer after offer, turns curt and ends the call before the customer can say
thank you. Everything is written out here (deterministic); dates count back from the day
the demo is first loaded. Loading twice changes nothing: conversations are looked up by
their content hash.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.utils import timezone

from karib import tone
from karib.core.models import Team
from karib.demo.context import DemoContext

from . import services
from .models import (
    CancellationPlaybook,
    Channel,
    Conversation,
    Dispute,
    Product,
    Reflection,
    Review,
)

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")

# Scripts: lines "A: text" (agent), "C: text" (customer), "E: text" (event). {a} is the
# agent's name, {c} the customer's, {h} the form of address (Bapak/Ibu, sir/madam).
SCRIPTS: dict[str, str] = {
    "story": """\
A: Selamat pagi, terima kasih telah menghubungi Bank Arunika, dengan {a}. Ada yang bisa saya bantu, {h}?
C: Pagi, Mas. Saya {c}. Saya mau tutup kartu kredit saya, sudah setahun tidak pernah dipakai.
A: Baik {h}, mohon maaf sebelumnya. Kalau {h} berkenan, kami bisa bebaskan iuran tahunan untuk tahun ini.
C: Tidak, terima kasih. Saya tetap mau tutup.
A: Yakin mau tutup? Poin {h} akan hangus semua lho. Kami juga bisa kasih cashback 10%.
C: Saya sudah yakin, Mas. Tolong ditutup saja.
A: Sayang banget. Upgrade ke kartu platinum gratis, pikirkan lagi.
C: Tidak. Tutup saja.
A: Ya sudah, terserah. Kan sudah saya bilang rugi sendiri. Kartu ditutup.
C: Oke, terima kasih ya Mas—
E: panggilan diakhiri oleh agen""",  # noqa: E501
    "honoured_id": """\
A: Selamat siang, terima kasih telah menghubungi Bank Arunika, dengan {a}. Ada yang bisa saya bantu, {h}?
C: Siang, Mbak. Saya {c}, saya mau tutup kartu kredit saya.
A: Baik {h}, mohon maaf sebelumnya. Kalau {h} berkenan, kami bisa bebaskan iuran tahunan untuk tahun ini.
C: Tidak, terima kasih. Saya tetap mau tutup.
A: Baik, {h}, kami hormati keputusan {h}. Kartu {h} sudah kami tutup hari ini.
C: Terima kasih, Mbak.
A: Sama-sama, {h}. Terima kasih telah menjadi nasabah kami, semoga hari {h} menyenangkan.""",  # noqa: E501
    "no_offer_id": """\
A: Selamat sore, {h}. Terima kasih telah menghubungi layanan kartu Bank Arunika, dengan {a}.
C: Sore. Saya {c}, saya ingin menutup kartu kredit tambahan atas nama istri saya.
A: Baik, {h}. Mohon maaf, boleh saya verifikasi tanggal lahir pemegang kartu utama?
C: Dua belas Maret sembilan belas delapan puluh.
A: Terima kasih, {h}. Kartu tambahan sudah kami tutup. Ada lagi yang bisa kami bantu?
C: Tidak, itu saja. Terima kasih.
A: Sama-sama, {h}. Terima kasih dan selamat beraktivitas.""",
    "retained_id": """\
A: Halo {h}, selamat siang, dengan {a} dari Bank Arunika, ada yang bisa kami bantu?
C: Siang, saya {c}. Saya mau berhenti pakai kartu kredit, iurannya mahal.
A: Mohon maaf atas ketidaknyamanannya, {h}. Kalau {h} berkenan, kami bisa bebaskan iuran tahunan selama satu tahun.
C: Wah boleh deh, jadi nggak jadi tutup.
A: Baik {h}, pembebasan iuran sudah aktif. Ada lagi yang bisa kami bantu? Terima kasih dan selamat beraktivitas.""",  # noqa: E501
    "billing_chat": """\
A: Halo kak {c}, dengan {a} di sini, ada yg bisa dibantu?
C: kak tagihan bulan ini kok dobel ya
A: Mohon maaf atas ketidaknyamanannya kak. Boleh dibantu 4 digit terakhir kartunya?
C: 4411 kak
A: Terima kasih kak, sudah dicek ya. Ada transaksi yang tercatat dua kali, sudah kami ajukan pembatalan, dana kembali 3 hari kerja.
C: oke makasih kak
A: Sama-sama kak, terima kasih sudah menghubungi kami. Semoga harinya menyenangkan!""",  # noqa: E501
    "slang_pushy": """\
A: Halo kak, ada yg bisa dibantu? Dengan {a}.
C: kak aku {c}, mau tutup kartu kredit aja
A: Yakin kak? Nanti poinnya hangus lho
C: gak usah kak makasih, udah yakin bgt
A: Ada promo cashback 50% nih, sayang banget
C: gak mau, tutup aja
A: Ya udah. Diproses.""",
    "honoured_en": """\
A: Good morning, thank you for calling Bank Arunika, this is {a}. How can I help?
C: Hi, this is {c}. I'd like to close my credit card, please.
A: I'm sorry to hear that. We could waive your annual fee this year. Would that help?
C: No thanks, please close it.
A: Of course, {h}. It is closed. Thank you for being with us, and have a good day.""",
    "pushed_en": """\
A: Good morning, {h}, thank you for calling. How may I help you?
C: Hi, I'm {c}. I want to cancel my credit card.
A: I understand. We can give you a 30% cashback for three months.
C: No thanks, I'm sure.
A: Are you sure? You'll lose all your points.
C: Yes. Please just cancel it.
A: Think again, this is your last chance for the upgrade.
C: I said cancel.
A: Whatever. As I said, it's your loss. Done.
C: Can I get a confirmation email?
E: call ended by agent""",
    "retained_en": """\
A: Hello, thanks for contacting Bank Arunika card services, this is {a}, how can I help?
C: Hi, {c} here. I'm thinking about cancelling my card, the fee is getting expensive.
A: I understand, {h}. Would waiving the annual fee for the next year help?
C: Oh, that's actually great, I'll keep it then.
A: Wonderful, I've applied it. Is there anything else I can help with? Have a great day!""",
    "loan_id": """\
A: Selamat pagi {h}, terima kasih telah menghubungi Bank Arunika, dengan {a}. Ada yang bisa saya bantu?
C: Pagi, saya {c}. Saya mau tanya pelunasan dipercepat untuk pinjaman saya.
A: Baik {h}, bisa. Mohon maaf, boleh saya minta nomor kontrak pinjamannya?
C: Nomornya PL-2231-88.
A: Terima kasih, {h}. Sisa pokok Rp12.500.000, tanpa denda bila dilunasi bulan ini. Ada lagi yang bisa saya bantu?
C: Sudah cukup, terima kasih.
A: Sama-sama, {h}. Terima kasih dan semoga hari {h} menyenangkan.""",  # noqa: E501
    "cut_off_id": """\
A: Ya, Bank Arunika.
C: Halo, saya {c}. Saya mau tanya kenapa limit kartu saya turun?
A: Itu kebijakan bank.
C: Tapi alasannya apa, dan bisa dinaikkan lagi tidak?
E: panggilan diakhiri oleh agen""",
    "billing_en": """\
A: Hi {c}, this is {a} from Bank Arunika card services. How can I help you today?
C: Hi, I was charged a late fee but I paid on time.
A: I'm sorry about that, {h}. Let me check. Could you please confirm the payment date?
C: The 14th, by bank transfer.
A: Thank you. I can see the payment arrived on the 14th, so I have reversed the late fee. Is there anything else I can help with?
C: No, that's all. Thanks!
A: You're welcome. Thank you for banking with us, and have a lovely day.""",  # noqa: E501
    "subscription_wa": """\
A: Halo kak {c}, dengan {a} dari Bank Arunika. Ada yang bisa dibantu?
C: mau berhenti langganan asuransi kartu kak
A: Baik kak, mohon maaf sebelumnya. Kalau berkenan, kami bisa kasih diskon premi 30% selama 6 bulan.
C: nggak kak, makasih. berhenti aja
A: Baik kak, kami hormati. Langganan asuransi sudah kami hentikan. Terima kasih dan selamat beraktivitas ya kak.""",  # noqa: E501
}


@dataclass(frozen=True)
class DemoConversation:
    key: str
    script: str
    agent: str
    customer: str
    address: str
    channel: str
    product: str
    days_ago: int
    hour: int


PHONE, CHAT, WA, EMAIL = Channel.PHONE, Channel.CHAT, Channel.WHATSAPP, Channel.EMAIL
CARD, LOAN, SUB = Product.CREDIT_CARD, Product.LOAN, Product.SUBSCRIPTION

CONVERSATIONS = (
    # The brief's story: Agus, an unused credit card, offer after offer, curt, cut off.
    DemoConversation("ARN-0001", "story", "agus", "Bambang Sutrisno", "Bapak", PHONE, CARD, 3, 9),
    DemoConversation("ARN-0002", "pushed_en", "agus", "Michael Tan", "sir", PHONE, CARD, 10, 14),
    DemoConversation("ARN-0003", "slang_pushy", "agus", "Nadia", "Kak", CHAT, CARD, 17, 20),
    DemoConversation("ARN-0004", "cut_off_id", "agus", "Hartono", "Bapak", PHONE, CARD, 24, 11),
    DemoConversation("ARN-0005", "honoured_id", "agus", "Sri Wahyuni", "Ibu", PHONE, CARD, 38, 10),
    DemoConversation("ARN-0006", "billing_chat", "agus", "Dimas", "Kak", CHAT, CARD, 52, 16),
    DemoConversation("ARN-0007", "loan_id", "agus", "Joko Susilo", "Bapak", PHONE, LOAN, 66, 9),
    DemoConversation("ARN-0008", "honoured_id", "rina", "Ratna Dewi", "Ibu", PHONE, CARD, 2, 10),
    DemoConversation(
        "ARN-0009", "no_offer_id", "rina", "Agung Wibisono", "Bapak", PHONE, CARD, 9, 15
    ),
    DemoConversation("ARN-0010", "retained_id", "rina", "Yulia Rahman", "Ibu", PHONE, CARD, 16, 13),
    DemoConversation("ARN-0011", "loan_id", "rina", "Surya Atmaja", "Bapak", PHONE, LOAN, 23, 9),
    DemoConversation("ARN-0012", "billing_chat", "rina", "Putri", "Kak", CHAT, CARD, 37, 19),
    DemoConversation("ARN-0013", "subscription_wa", "rina", "Intan", "Kak", WA, SUB, 51, 12),
    DemoConversation("ARN-0014", "honoured_en", "rina", "Grace Lim", "madam", PHONE, CARD, 65, 11),
    DemoConversation("ARN-0015", "slang_pushy", "yoga", "Raka", "Kak", WA, CARD, 4, 21),
    DemoConversation("ARN-0016", "subscription_wa", "yoga", "Salsa", "Kak", WA, SUB, 8, 18),
    DemoConversation("ARN-0017", "billing_chat", "yoga", "Fajar", "Kak", CHAT, CARD, 15, 17),
    DemoConversation("ARN-0018", "story", "yoga", "Teguh Prasetyo", "Bapak", PHONE, CARD, 29, 10),
    DemoConversation("ARN-0019", "retained_id", "yoga", "Lestari", "Ibu", PHONE, CARD, 36, 14),
    DemoConversation("ARN-0020", "cut_off_id", "yoga", "Wawan", "Bapak", PHONE, CARD, 44, 15),
    DemoConversation(
        "ARN-0021", "no_offer_id", "yoga", "Heru Santoso", "Bapak", PHONE, CARD, 58, 9
    ),
    DemoConversation(
        "ARN-0022", "honoured_id", "yoga", "Dewi Anggraini", "Ibu", PHONE, CARD, 72, 10
    ),
    DemoConversation("ARN-0023", "honoured_en", "fitri", "David Wong", "sir", PHONE, CARD, 1, 11),
    DemoConversation("ARN-0024", "billing_en", "fitri", "Sarah Hughes", "madam", EMAIL, CARD, 6, 9),
    DemoConversation("ARN-0025", "retained_en", "fitri", "Kevin Ong", "sir", CHAT, SUB, 13, 16),
    DemoConversation(
        "ARN-0026", "honoured_id", "fitri", "Rudy Hermawan", "Bapak", PHONE, CARD, 20, 13
    ),
    DemoConversation("ARN-0027", "loan_id", "fitri", "Maria Ulfa", "Ibu", PHONE, LOAN, 34, 10),
    DemoConversation("ARN-0028", "pushed_en", "fitri", "James Lee", "sir", PHONE, CARD, 48, 15),
    DemoConversation(
        "ARN-0029", "billing_en", "fitri", "Amelia Hart", "madam", EMAIL, CARD, 62, 14
    ),
    DemoConversation("ARN-0030", "retained_id", "fitri", "Siti Aminah", "Ibu", PHONE, CARD, 76, 11),
)

PLAYBOOK_CLOSURE = (
    "Konfirmasi pembatalan, ucapkan terima kasih atas kepercayaan nasabah, dan tutup dengan "
    "salam yang santun. / Confirm the cancellation, thank the customer and close courteously."
)
PLAYBOOK_GUIDANCE = (
    "Satu tawaran retensi boleh disampaikan setelah nasabah menolak dengan jelas; setelah itu "
    "hormati keputusannya. Jangan memutus panggilan sebelum nasabah selesai bicara.\n"
    "One retention offer is allowed after a clear refusal; then respect the decision. Never "
    "end the call before the customer has finished."
)


def transcript_text(item: DemoConversation, agent: User) -> str:
    """The conversation as a plain-text transcript (the importer's text format)."""
    name = agent.first_name
    customer_label = "Customer" if item.script.endswith("_en") else "Nasabah"
    lines = []
    for raw in SCRIPTS[item.script].splitlines():
        who, _sep, text = raw.partition(": ")
        text = text.format(a=name, c=item.customer, h=item.address)
        if who == "E":
            lines.append(f"[{text}]")
        else:
            lines.append(f"{name if who == 'A' else customer_label}: {text}")
    return "\n".join(lines) + "\n"


def _ensure_conversation(
    item: DemoConversation, team: Team, agent: User, importer: User
) -> Conversation:
    parsed = tone.parse(
        transcript_text(item, agent), name=f"{item.key}.txt", agent=agent.first_name
    )[0]
    transcript = services.transcript_from_engine(parsed)
    digest = services.content_hash(transcript)
    existing = Conversation.objects.filter(team=team, content_hash=digest).first()
    if existing is not None:
        return existing
    day = timezone.localdate() - datetime.timedelta(days=item.days_ago)
    conversation = Conversation.objects.create(
        external_id=item.key,
        content_hash=digest,
        team=team,
        agent=agent,
        agent_name=agent.first_name,
        customer_name=item.customer,
        channel=item.channel,
        product=item.product,
        started_at=datetime.datetime.combine(day, datetime.time(item.hour, 0), tzinfo=JAKARTA),
        turns=transcript,
        transcript_text=services.transcript_plain_text(transcript),
        imported_by=importer,
    )
    services.conversation_analyse(conversation=conversation)
    return conversation


def load(context: DemoContext) -> None:
    team = context.teams["cards"]
    lina, hendra = context.users["lina"], context.users["hendra"]
    CancellationPlaybook.objects.get_or_create(
        team=team,
        defaults={
            "max_offers_after_refusal": 1,
            "requires_courteous_closure": True,
            "required_closure": PLAYBOOK_CLOSURE,
            "guidance": PLAYBOOK_GUIDANCE,
        },
    )
    stored = {
        item.key: _ensure_conversation(item, team, context.users[item.agent], lina)
        for item in CONVERSATIONS
    }
    context.objects["service_story"] = stored["ARN-0001"]

    # The QA loop on a few conversations, each step only once.
    story = stored["ARN-0001"]
    if not Review.objects.filter(conversation=story).exists():
        Review.objects.create(
            conversation=story,
            reviewer=lina,
            verdicts=dict.fromkeys(
                story.findings.values_list("code", flat=True), Review.Verdict.AGREE
            ),
            comment=(
                "Tiga tawaran setelah nasabah menolak, nada ketus, panggilan diputus sebelum "
                "nasabah selesai berterima kasih. Dibahas di sesi coaching."
            ),
            qa_score=20,
        )
    if not Reflection.objects.filter(conversation=story).exists():
        Reflection.objects.create(
            conversation=story,
            author=context.users["agus"],
            text=(
                "Saya terlalu mengejar target retensi. Setelah nasabah menolak, seharusnya saya "
                "menghormati keputusannya dan menutup dengan terima kasih."
            ),
        )
    disputed = stored["ARN-0015"]
    if not Dispute.objects.filter(conversation=disputed).exists():
        Dispute.objects.create(
            conversation=disputed,
            agent=context.users["yoga"],
            kind=Dispute.Kind.DISPUTE,
            finding_code=disputed.findings.values_list("code", flat=True).first() or "",
            reason="Nasabah sendiri yang bertanya soal promo di awal chat (tidak terekam).",
            status=Dispute.Status.ANSWERED,
            outcome=Dispute.Outcome.UPHELD,
            answer="Transkrip tidak menunjukkan itu; temuan tetap. Mari bahas di coaching.",
            answered_by=hendra,
            answered_at=timezone.now(),
        )
