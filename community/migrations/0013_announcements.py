from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("community", "0012_suggestions")]

    operations = []
