"""The service app's hand-drawn field gives its help and error the ids Django 5.2's widget
names in aria-describedby, so a screen reader reads the error with its field (uiprobe)."""

import re

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    note = forms.CharField(help_text="What the reviewer saw")


def test_the_fields_help_and_error_are_the_ids_its_widget_points_at():
    # given a bound form whose field has an error and a help text
    form = _Form(data={})
    assert not form.is_valid()
    # when the service app draws the field
    html = render_to_string("service/_field.html", {"field": form["note"]})
    # then every id the widget's aria-describedby names is on the page, and it is invalid
    described = re.search(r'aria-describedby="([^"]+)"', html)
    assert described is not None
    ids = described.group(1).split()
    assert ids == ["id_note_helptext", "id_note_error"]
    for element_id in ids:
        assert f'id="{element_id}"' in html
    assert 'aria-invalid="true"' in html
