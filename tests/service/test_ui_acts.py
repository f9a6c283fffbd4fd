"""The transcript names each turn's acts by label, never by the engine's code."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from karib.core.models import Profile
from karib.service.templatetags.service_acts import ACT_LABELS, act_labels

from .factories import PUSHY_ID, agent_user, conversation_from_text

pytestmark = pytest.mark.django_db


def test_the_transcript_shows_act_labels_not_codes(team, lina, client_for):
    # given a pushy cancellation call and a reviewer who reads Karib in English
    conversation = conversation_from_text(PUSHY_ID, team=team, agent=agent_user(team))
    Profile.objects.filter(user=lina).update(language="en")
    # when she opens the conversation
    html = (
        client_for(lina)
        .get(reverse("service:conversation-detail", args=[conversation.pk]))
        .content.decode()
    )
    # then the turns' acts read as words
    metas = " ".join(re.findall(r'<div class="meta">(.*?)</div>', html))
    assert "cancellation request" in metas
    assert "retention offer" in metas
    assert not re.search(r"\b(cancellation_request|retention_offer)\b", metas)


def test_every_act_of_the_engine_has_a_label():
    from karib.tone.scoring import ACT_ORDER

    assert set(ACT_ORDER) == set(ACT_LABELS)


def test_an_unknown_act_shows_its_code_with_spaces():
    assert act_labels(["greeting", "small_talk"]) == "greeting, small talk"
