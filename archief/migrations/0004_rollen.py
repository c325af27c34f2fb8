"""The groups of the destruction workflow: record manager, reviewer, co-reviewer, archivist."""

from django.db import migrations

GROUPS = {
    "Recordmanager": ("propose_vernietigingslijst", "view_vernietigingslijst", "view_indexzaak", "view_indexzaaktype"),
    "Beoordelaar": ("review_vernietigingslijst", "view_vernietigingslijst", "view_indexzaak"),
    "Medebeoordelaar": ("coreview_vernietigingslijst", "view_vernietigingslijst", "view_indexzaak"),
    "Archivaris": ("approve_vernietigingslijst", "view_vernietigingslijst", "view_indexzaak", "view_indexzaaktype"),
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; these groups need them now.
    app_config = apps.get_app_config("archief")
    app_config.models_module = True  # the migration state's app config is a stub without one
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="archief", codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archief", "0003_index_vernietiging"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
