"""The roles of the transfer workflow: the record manager composes a transfer, the archivist
approves it and records the archive's verdict; both see transfers, agreements and archives."""

from django.db import migrations

VIEW = ("view_overbrenging", "view_overbrengingsafspraak", "view_archiefinstelling", "view_overbrengingitem")
GROUPS = {
    "Recordmanager": ("propose_overbrenging", *VIEW),
    "Archivaris": (
        "propose_overbrenging",
        "approve_overbrenging",
        "record_verdict_overbrenging",
        "add_overbrengingsafspraak",
        "change_overbrengingsafspraak",
        "add_archiefinstelling",
        "change_archiefinstelling",
        *VIEW,
    ),
}


def add_permissions(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("overbrenging")
    app_config.models_module = True  # the migration state's app config is a stub without one
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="overbrenging", codename__in=codenames))


def remove_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="overbrenging"))


class Migration(migrations.Migration):
    dependencies = [
        ("overbrenging", "0003_werk_lease"),
        ("archief", "0004_rollen"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="overbrenging",
            options={
                "ordering": ["-aangemaakt_op"],
                "permissions": [
                    ("propose_overbrenging", "Mag een overbrenging samenstellen (recordmanager)"),
                    ("approve_overbrenging", "Mag een overbrenging goedkeuren (archivaris)"),
                    ("record_verdict_overbrenging", "Mag het oordeel van het archief vastleggen (archivaris)"),
                ],
                "verbose_name": "overbrenging",
                "verbose_name_plural": "overbrengingen",
            },
        ),
        migrations.RunPython(add_permissions, remove_permissions),
    ]
