# The archive status constraints, once every row has its status (0006 sets them).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0006_evidence_archive_status_and_history"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="evidence",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("url", ""), ("archive_status", "none")),
                    models.Q(
                        models.Q(("url", ""), _negated=True),
                        models.Q(("archive_status", "none"), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="evidence_archive_status_needs_url",
            ),
        ),
        migrations.AddConstraint(
            model_name="evidence",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("archive_status", "archived"), ("snapshot_at__isnull", False)),
                    models.Q(
                        models.Q(("archive_status", "archived"), _negated=True), ("snapshot_at__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="evidence_archived_has_snapshot_time",
            ),
        ),
    ]
