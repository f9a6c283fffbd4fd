"""The pure policy engine: each rule at, below and above its threshold (no database)."""

from __future__ import annotations

import datetime

import pytest

from karib.gifts import policy
from karib.gifts.policy import GiftFacts, Outcome, Rule, RuleCode

ON = datetime.date(2026, 6, 10)
RULES = {
    RuleCode.CASH_TO_OFFICIAL: Rule(RuleCode.CASH_TO_OFFICIAL, legal_source="Pasal 12B"),
    RuleCode.OFFICIAL_APPROVAL: Rule(RuleCode.OFFICIAL_APPROVAL),
    RuleCode.KPK_REPORT: Rule(RuleCode.KPK_REPORT, working_days=30),
    RuleCode.BURDEN_OF_PROOF: Rule(RuleCode.BURDEN_OF_PROOF, threshold_idr=10_000_000),
    RuleCode.CEREMONY_EXEMPTION: Rule(RuleCode.CEREMONY_EXEMPTION, threshold_idr=1_500_000),
    RuleCode.PRIVATE_THRESHOLD: Rule(RuleCode.PRIVATE_THRESHOLD, threshold_idr=1_000_000),
    RuleCode.YEARLY_CAP: Rule(RuleCode.YEARLY_CAP, threshold_idr=3_000_000),
    RuleCode.OPEN_TENDER: Rule(RuleCode.OPEN_TENDER),
    RuleCode.CASH_EQUIVALENT: Rule(RuleCode.CASH_EQUIVALENT),
}


def facts(**overrides: object) -> GiftFacts:
    values: dict[str, object] = {
        "kind": "goods",
        "description": "Buku cerita wayang",
        "value_idr": 250_000,
        "on": ON,
        "recipient_is_public_official": False,
    }
    values.update(overrides)
    return GiftFacts(**values)  # type: ignore[arg-type]


def codes(evaluation: policy.Evaluation) -> set[str]:
    return {str(hit.code) for hit in evaluation.hits}


@pytest.mark.parametrize(
    ("kind", "description"),
    [
        ("cash", "Amplop"),
        ("goods", "Voucher belanja Rp500.000"),
        ("goods", "Saldo e-money Rp300.000"),
        ("goods", "Gift card toko buku"),
        ("goods", "Pulsa telepon Rp100.000"),
        ("entertainment", "GoPay top-up for the trip"),
    ],
)
def test_cash_and_cash_equivalents_to_an_official_are_refused(kind, description):
    # given a cash or cash-equivalent gift to a public official
    gift = facts(kind=kind, description=description, recipient_is_public_official=True)
    # when it is evaluated
    evaluation = policy.evaluate(gift, RULES)
    # then it is refused by the cash rule and flagged as cash equivalent
    assert evaluation.is_refused
    assert evaluation.is_cash_equivalent
    assert evaluation.refusing_hit is not None
    assert evaluation.refusing_hit.code == RuleCode.CASH_TO_OFFICIAL
    assert evaluation.refusing_hit.legal_source == "Pasal 12B"


def test_a_book_is_not_a_cash_equivalent():
    assert not policy.is_cash_equivalent("goods", "Buku cerita wayang: kisah Bima")
    assert not policy.is_cash_equivalent("goods", "Wayang kulit tokoh Bima")


def test_cash_equivalent_to_a_private_recipient_needs_approval_not_refused():
    # given a voucher for a private-sector contact, below the company threshold
    evaluation = policy.evaluate(facts(description="Voucher kopi Rp200.000"), RULES)
    # then it is detected as cash equivalent, not refused, but flagged for Compliance approval
    assert evaluation.is_cash_equivalent
    assert not evaluation.is_refused
    assert evaluation.requires_approval
    hit = next(hit for hit in evaluation.hits if hit.code == RuleCode.CASH_EQUIVALENT)
    assert hit.outcome == Outcome.FLAGGED
    assert hit.params == {"words": "voucher"}


@pytest.mark.parametrize(
    ("description", "words"),
    [
        ("Tokopedia vouchers", ("voucher",)),
        ("Two gift cards", ("gift card",)),
        ("Starbucks giftcards", ("gift card",)),
        ("A gift-card for the bookshop", ("gift card",)),
        ("phone credits", ("phone credit",)),
        ("Indomaret e-vouchers", ("voucher",)),
        ("token listrik Rp200.000", ("token listrik",)),
        ("Google Play card", ("google play",)),
        ("saldo GoPay", ("gopay", "saldo")),
        ("saldo OVO", ("ovo", "saldo")),
        ("saldo DANA", ("dana", "saldo")),
        ("saldo ShopeePay", ("saldo", "shopeepay")),
        ("Pulsa Telkomsel", ("pulsa",)),
        ("Kartu hadiah Gramedia", ("kartu hadiah",)),
        ("Voucher belanja Lebaran", ("voucher",)),
        ("E-Money Mandiri", ("e-money",)),
        ("topup e-wallet", ("e-wallet", "top up")),
    ],
)
def test_cash_equivalent_words_whatever_the_plural_or_spelling(description, words):
    # when the description is read
    found = policy.cash_equivalent_words(description)
    # then the listed words are found, plural, joined or hyphenated
    assert found == words
    assert policy.is_cash_equivalent("goods", description)


@pytest.mark.parametrize(
    "description",
    [
        "Tokopedia vouchers",
        "Two gift cards",
        "Starbucks giftcards",
        "phone credits",
        "Indomaret e-vouchers",
        "token listrik",
        "Google Play card",
        "saldo GoPay",
        "saldo OVO",
        "saldo DANA",
        "saldo ShopeePay",
        "pulsa",
        "kartu hadiah",
        "voucher belanja",
    ],
)
def test_every_cash_equivalent_is_refused_to_an_official_and_needs_approval_otherwise(
    description,
):
    # given the same description for an official and for a private-sector contact
    to_official = facts(description=description, recipient_is_public_official=True)
    to_private = facts(description=description)
    # when both are evaluated
    official, private = policy.evaluate(to_official, RULES), policy.evaluate(to_private, RULES)
    # then the official's is refused and the private contact's needs Compliance approval
    assert official.is_refused
    assert official.refusing_hit is not None
    assert official.refusing_hit.code == RuleCode.CASH_TO_OFFICIAL
    assert not private.is_refused
    assert private.requires_approval
    assert "cash_equivalent" in codes(private)


@pytest.mark.parametrize(
    "description",
    [
        "Wayang kulit tokoh Bima buatan tangan perajin Yogyakarta",
        "Buku cerita wayang: kisah Bima dalam Mahabharata",
        "Kain batik tulis dari perajin Pekalongan atau Solo",
        "Makan siang pembahasan kebutuhan pelatihan operator daerah",
        "Undangan pertunjukan wayang semalam suntuk",
        "Biji kopi spesialti dari Gayo atau Toraja",
    ],
)
def test_ordinary_gifts_are_not_cash_equivalents(description):
    assert policy.cash_equivalent_words(description) == ()


def test_any_gift_to_an_official_needs_approval_and_a_kpk_report():
    # given a small book for a public official
    evaluation = policy.evaluate(facts(value_idr=1, recipient_is_public_official=True), RULES)
    # then Compliance must approve and the official must report within 30 working days
    assert evaluation.requires_approval
    assert evaluation.requires_kpk_report
    assert codes(evaluation) == {"official_approval", "kpk_report"}
    kpk = next(hit for hit in evaluation.hits if hit.code == RuleCode.KPK_REPORT)
    assert kpk.params == {"working_days": 30}


@pytest.mark.parametrize(
    ("value", "fires"),
    [(9_999_999, False), (10_000_000, True), (10_000_001, True)],
)
def test_burden_of_proof_shift_at_ten_million(value, fires):
    evaluation = policy.evaluate(facts(value_idr=value, recipient_is_public_official=True), RULES)
    assert ("burden_of_proof" in codes(evaluation)) is fires
    assert evaluation.requires_approval


@pytest.mark.parametrize(
    ("value", "needs_approval"),
    [(999_999, False), (1_000_000, False), (1_000_001, True)],
)
def test_company_threshold_for_private_recipients(value, needs_approval):
    # given a private-sector recipient and the Rp1,000,000 company threshold
    evaluation = policy.evaluate(facts(value_idr=value), RULES)
    # then only a value above the threshold needs approval
    assert evaluation.requires_approval is needs_approval
    assert ("private_threshold" in codes(evaluation)) is needs_approval
    assert not evaluation.requires_kpk_report


@pytest.mark.parametrize(
    ("earlier", "value", "flagged"),
    [(2_500_000, 499_999, False), (2_500_000, 500_000, False), (2_500_000, 500_001, True)],
)
def test_yearly_total_per_recipient(earlier, value, flagged):
    # given gifts worth `earlier` to the recipient this year, by any giver
    gift = facts(value_idr=value, recipient_year_total_idr=earlier)
    # when one more is evaluated
    evaluation = policy.evaluate(gift, RULES)
    # then the cap of Rp3,000,000 is checked on the total including this gift
    assert ("yearly_cap" in codes(evaluation)) is flagged
    assert evaluation.requires_approval is flagged
    if flagged:
        hit = next(hit for hit in evaluation.hits if hit.code == RuleCode.YEARLY_CAP)
        assert hit.outcome == Outcome.FLAGGED
        assert hit.params["total_idr"] == earlier + value


def test_gift_during_an_open_tender_is_flagged():
    evaluation = policy.evaluate(facts(open_tenders=("Tender pusat data",)), RULES)
    assert "open_tender" in codes(evaluation)
    assert evaluation.outcome == Outcome.FLAGGED
    assert evaluation.requires_approval


def test_without_a_tender_a_small_private_gift_is_allowed():
    evaluation = policy.evaluate(facts(), RULES)
    assert evaluation.hits == ()
    assert evaluation.outcome == Outcome.ALLOWED


@pytest.mark.parametrize("value", [1_499_999, 1_500_000, 1_500_001])
def test_ceremony_exemption_never_spares_a_vendor_the_approval_or_report(value):
    # given a wedding gift from us (a vendor) to an official, around the Rp1,500,000 limit
    gift = facts(value_idr=value, occasion="wedding", recipient_is_public_official=True)
    # when it is evaluated
    evaluation = policy.evaluate(gift, RULES)
    # then the exemption is noted as not applicable: approval and report stay
    assert "ceremony_exemption" in codes(evaluation)
    assert evaluation.requires_approval
    assert evaluation.requires_kpk_report


def test_inactive_or_missing_company_rules_do_not_fire():
    # given the company threshold switched off
    rules = dict(RULES)
    rules[RuleCode.PRIVATE_THRESHOLD] = Rule(
        RuleCode.PRIVATE_THRESHOLD, is_active=False, threshold_idr=1
    )
    del rules[RuleCode.YEARLY_CAP]
    # when a Rp2,000,000 gift to a private-sector contact is evaluated
    evaluation = policy.evaluate(facts(value_idr=2_000_000), rules)
    # then no rule fires
    assert evaluation.hits == ()


@pytest.mark.parametrize("code", [RuleCode.CASH_TO_OFFICIAL, RuleCode.OFFICIAL_APPROVAL])
@pytest.mark.parametrize("how", ["missing", "inactive"])
@pytest.mark.parametrize(
    ("kind", "description"), [("cash", "Uang"), ("goods", "Buku cerita wayang")]
)
def test_without_a_legal_rule_gifts_to_officials_are_refused(code, how, kind, description):
    # given one of the rules that carry the law is missing or switched off
    rules = dict(RULES)
    if how == "missing":
        del rules[code]
    else:
        rules[code] = Rule(code, is_active=False)
    # when any gift to a public official is evaluated (cash or a book)
    gift = facts(kind=kind, description=description, recipient_is_public_official=True)
    evaluation = policy.evaluate(gift, rules)
    # then the engine fails closed: refused, naming the missing rule
    assert evaluation.is_refused
    assert evaluation.refusing_hit is not None
    assert evaluation.refusing_hit.code == RuleCode.LEGAL_RULE_MISSING
    assert evaluation.refusing_hit.params == {"rules": str(code)}


def test_without_the_legal_rules_private_recipients_are_unaffected():
    # given both legal rules missing
    rules = {code: rule for code, rule in RULES.items() if code not in policy.LEGAL_RULES}
    # when a small book for a private-sector contact is evaluated
    evaluation = policy.evaluate(facts(), rules)
    # then it is allowed as before (the legal rules are about public officials)
    assert evaluation.outcome == Outcome.ALLOWED


# Working days (pure): the day of receipt does not count; weekends and listed days are skipped.


@pytest.mark.parametrize(
    ("start", "days", "holidays", "expected"),
    [
        (datetime.date(2026, 6, 5), 1, set(), datetime.date(2026, 6, 8)),  # Fri → Mon
        (datetime.date(2026, 6, 6), 1, set(), datetime.date(2026, 6, 8)),  # Sat → Mon
        (datetime.date(2026, 6, 1), 5, set(), datetime.date(2026, 6, 8)),
        (datetime.date(2026, 6, 1), 5, {datetime.date(2026, 6, 3)}, datetime.date(2026, 6, 9)),
        (datetime.date(2026, 6, 1), 0, set(), datetime.date(2026, 6, 1)),
        (datetime.date(2026, 6, 1), 30, set(), datetime.date(2026, 7, 13)),
    ],
)
def test_add_working_days(start, days, holidays, expected):
    assert policy.add_working_days(start, days, holidays) == expected


def test_working_days_between_is_the_inverse():
    start = datetime.date(2026, 6, 1)
    end = policy.add_working_days(start, 30, {datetime.date(2026, 6, 16)})
    assert policy.working_days_between(start, end, {datetime.date(2026, 6, 16)}) == 30


def test_negative_working_days_are_rejected():
    with pytest.raises(ValueError, match="negative"):
        policy.add_working_days(ON, -1, set())
