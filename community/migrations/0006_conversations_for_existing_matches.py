"""Every match made before messaging existed gets its conversation."""

from django.db import migrations


def forwards(apps, schema_editor):
    Match = apps.get_model("community", "Match")
    Conversation = apps.get_model("community", "Conversation")
    Participant = apps.get_model("community", "Participant")
    for match in Match.objects.filter(conversation__isnull=True).iterator():
        conversation = Conversation.objects.create(match=match)
        Participant.objects.bulk_create(
            [
                Participant(conversation=conversation, profile_id=match.host_id),
                Participant(conversation=conversation, profile_id=match.newcomer_id),
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0005_messaging")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
