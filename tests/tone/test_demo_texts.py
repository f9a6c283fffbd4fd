"""The demo's conversations at engine level: the bank story keeps its four findings, an open
WhatsApp sales chat has none. The story is the text of ``karib.service.demo.SCRIPTS["story"]``
as the demo writes it (agent Agus, customer Teguh, "Bapak")."""

from __future__ import annotations

from karib.tone import analyze, parse

STORY = """\
Agus: Selamat pagi, terima kasih telah menghubungi Bank Arunika, dengan Agus. Ada yang bisa saya bantu, Bapak?
Nasabah: Pagi, Mas. Saya Teguh. Saya mau tutup kartu kredit saya, sudah setahun tidak pernah dipakai.
Agus: Baik Bapak, mohon maaf sebelumnya. Kalau Bapak berkenan, kami bisa bebaskan iuran tahunan untuk tahun ini.
Nasabah: Tidak, terima kasih. Saya tetap mau tutup.
Agus: Yakin mau tutup? Poin Bapak akan hangus semua lho. Kami juga bisa kasih cashback 10%.
Nasabah: Saya sudah yakin, Mas. Tolong ditutup saja.
Agus: Sayang banget. Upgrade ke kartu platinum gratis, pikirkan lagi.
Nasabah: Tidak. Tutup saja.
Agus: Ya sudah, terserah. Kan sudah saya bilang rugi sendiri. Kartu ditutup.
Nasabah: Oke, terima kasih ya Mas—
[panggilan diakhiri oleh agen]
"""

OPEN_SALES_CHAT = """\
12/03/24 10.15 - Toko Batik Sekar: Halo kak, terima kasih sudah menghubungi Toko Batik Sekar 🙏 Pesan kakak akan kami balas secepatnya.
12/03/24 10.16 - Wulan: Assalamualaikum kak, kemeja batik tulis yang motif parang masih ada?
12/03/24 10.20 - Toko Batik Sekar: Waalaikumsalam kak, masih ada ya
12/03/24 10.20 - Toko Batik Sekar: Kemeja batik tulis parang
- ukuran M Rp 450.000
- ukuran L Rp 475.000
- ukuran XL Rp 500.000
12/03/24 10.21 - Toko Batik Sekar: Mau ukuran apa kak? Ongkir ke Jogja mulai 12rb
"""


def test_demo_bank_story_keeps_its_four_findings():
    # given
    conversation = parse(STORY, fmt="text", agent="Agus")[0]
    # when
    result = analyze(conversation)
    # then
    codes = [f.code for f in result.findings]
    assert codes == ["push_after_refusal", "tone_shift", "curt_language", "customer_cut_off"]
    assert result.summary.conversation_state == "ended_by_agent"
    assert result.summary.pushes_after_refusal == 2
    assert result.summary.first_refusal_turn == 3


def test_open_whatsapp_sales_chat_has_no_findings():
    # given
    conversation = parse(OPEN_SALES_CHAT, fmt="whatsapp", agent="Toko Batik Sekar")[0]
    # when
    result = analyze(conversation)
    # then
    assert result.findings == ()
    assert result.summary.conversation_state == "open"
