# ruff: noqa: E501 (the words are quoted whole, as the packages write them)
"""The packages' admin words that our catalogue translates (locale/*/LC_MESSAGES/django.po).

Wagtail, wagtail-localize, taggit and Django's humanize (which Wagtail uses without installing
it) leave these untranslated in Swedish; ours take precedence (LOCALE_PATHS). Naming them here
keeps `make translations` from dropping them as obsolete: nothing in our own code uses them.
Drop a word once a release of its package translates it.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, npgettext_lazy, pgettext_lazy

PACKAGE_WORDS = [
    _("Exploring"),
    _("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    _("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."),
    _(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in '<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    _("Date updated"),
    _("Any"),
    _("any"),
    _("%(field_label)s:"),
    _("There are no %(model_name)s to display."),
    _('There are no %(model_name)s to display. Why not <a href="%(add_url)s">add one</a>?'),
    _("Sort item order"),
    _("Enable custom ordering"),
    _("Disable custom ordering"),
    _(
        "Focus on the drag button and press up or down arrows to move the item, then press enter to submit the change."
    ),
    _("'%(page_title)s' has been moved successfully."),
    _("Create a new %(model_name)s"),
    _("Locked by"),
    _("Anyone"),
    _("Page/Snippet Type"),
    _("App"),
    _("Compare"),
    _("Edit account avatar"),
    _("Actions (footer)"),
    _("Saved"),
    _("Autosave is paused"),
    _("Autosave is <span>paused</span>"),
    _("There are validation errors, click save to highlight them."),
    _("Saving will overwrite a newer version."),
    _("You saved a new version in another window"),
    _("System"),
    _("%(user_name)s saved a new version"),
    _("View latest version"),
    _("%(user_name)s has unsaved changes"),
    _("Currently idle"),
    _("Currently viewing"),
    ngettext_lazy(
        "One other user is currently viewing", "%(num_user)s other users are currently viewing", 1
    ),
    _("Proceeding will overwrite the changes you made in that window."),
    _("Proceeding will overwrite the changes made by %(user_name)s."),
    _("Alternatively, you can view the latest version in a new tab."),
    _("A network error occurred"),
    _(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a separate tab to view the last saved version."
    ),
    _("Minimap"),
    _("Side panels"),
    _("Side panel width"),
    _("Show issue"),
    _("Refreshing…"),
    _("Refresh"),
    _("account"),
    _("Keyboard shortcuts are currently disabled; manage your %(account_link)s to enable them."),
    _("The page could not be saved as it is locked."),
    _("The %(model_name)s could not be saved as it is locked"),
    _(
        "You are viewing a previous version of this %(model_name)s from <b>%(created_at)s</b> by %(user)s"
    ),
    _("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    _("Placeholder title"),
    _("Preview for %(block_label)s (%(block_type)s)"),
    _("Changing the privacy for this page has been disabled."),
    _("Privacy is inherited from the ancestor page - %(ancestor_page)s"),
    _('You do not have permission to publish pages at "%(page_title)s"'),
    _(
        "The slug '%(page_slug)s' is already in use at the selected parent page. Make sure the slug is unique and try again."
    ),
    _("One or more references to this %(model_name)s prevent it from being deleted."),
    _("Choose when this %(model_name)s should go live and/or expire"),
    _("Anyone with editing permissions can create schedules"),
    _("But only those with publishing permissions can make them effective."),
    _("Go-live:"),
    _("Expiry:"),
    _("Once scheduled:"),
    _("Invalid schedule"),
    _("To be created by %(user)s"),
    _("%(model_name)s scheduled for publishing at %(go_live_at)s"),
    _("%(model_name)s scheduled for publishing"),
    _("%(model_name)s unscheduled for publishing at %(go_live_at)s"),
    _("%(model_name)s unscheduled from publishing"),
    _("%(model_name)s '%(object)s' has been scheduled for publishing."),
    _("%(model_name)s '%(object)s' created and scheduled for publishing."),
    _("%(model_name)s '%(object)s' is live and this version has been scheduled for publishing."),
    _("%(model_name)s '%(object)s' updated and published."),
    _("%(model_name)s '%(object)s' created and published."),
    _("Removed the '%(restriction)s' view restriction. The page is public."),
    _("%(model_name)s '%(object)s' has been submitted for moderation."),
    _("%(model_name)s '%(object)s' created and submitted for moderation."),
    _("Workflow on %(model_name)s '%(object)s' has been cancelled."),
    _("The %(model_name)s '%(title)s' is not currently awaiting moderation."),
    _(
        "The %(model_name)s '%(title)s' is not currently awaiting moderation in task '%(task_name)s'."
    ),
    _("Changes requested %(finished_at)s"),
    _("Cancelled by %(cancelled_by)s"),
    _("There may only be one in progress or needs changes workflow state per page/snippet."),
    _("This workflow is disabled so it cannot be assigned to any snippets."),
    ngettext_lazy("1 snippet type", "%(counter)s snippet types", 1),
    ngettext_lazy("%(num_parent_objects)d page", "%(num_parent_objects)d pages", 1),
    ngettext_lazy("%(num_child_objects)d child page", "%(num_child_objects)d child pages", 1),
    _("%(parent_pages)s and %(child_pages)s have been published"),
    ngettext_lazy(
        "%(num_parent_objects)d page has been published",
        "%(num_parent_objects)d pages have been published",
        1,
    ),
    _("%(parent_pages)s and %(child_pages)s have been unpublished"),
    ngettext_lazy(
        "%(num_parent_objects)d page has been unpublished",
        "%(num_parent_objects)d pages have been unpublished",
        1,
    ),
    _("%(parent_pages)s and %(child_pages)s have been deleted"),
    ngettext_lazy(
        "%(num_parent_objects)d page has been deleted",
        "%(num_parent_objects)d pages have been deleted",
        1,
    ),
    ngettext_lazy(
        "This will also unpublish one translation of the page.",
        "This will also unpublish all %(translation_count)s translations of the page.",
        1,
    ),
    ngettext_lazy(
        "This will also move one translation of this page and its child pages",
        "This will also move %(translations_to_move_count)s translations of this page and their child pages",
        1,
    ),
    ngettext_lazy("%(num_pages)d page", "%(num_pages)d pages", 1),
    _("%(num_pages)d pages and %(num_others)d others"),
    _("- Select an option -"),
    _("Maximum filesize: %(max_upload_size)s."),
    _("Table headers"),
    _("Display the first row as a header"),
    _("Display the first column as a header"),
    _("Display the first row AND first column as headers"),
    _("No headers"),
    _("Which cells should be displayed as headers?"),
    _(
        "A heading that identifies the overall topic of the table, and is useful for screen reader users."
    ),
    _("Select a header option"),
    _("unknown number"),
    _("The filter options you have selected are not valid."),
    _(
        'Apply the updates and publish immediately. The changes will use the original language until translated unless you also select "Use machine translation".'
    ),
    _("Use machine translation"),
    _("Apply machine translations to the incoming changes."),
    _(
        "Apply the updates and publish immediately. The changes will use the original language until translated."
    ),
    pgettext_lazy("A tag name", "name"),
    pgettext_lazy("A tag slug", "slug"),
    _("A comma-separated list of tags."),
    _("%(source)s to %(target)s translation"),
    _("%(delta)s ago"),
    ngettext_lazy("an hour ago", "%(count)s hours ago", 1),
    ngettext_lazy("a minute ago", "%(count)s minutes ago", 1),
    ngettext_lazy("a second ago", "%(count)s seconds ago", 1),
    _("now"),
    ngettext_lazy("a second from now", "%(count)s seconds from now", 1),
    ngettext_lazy("a minute from now", "%(count)s minutes from now", 1),
    ngettext_lazy("an hour from now", "%(count)s hours from now", 1),
    _("%(delta)s from now"),
    npgettext_lazy("naturaltime-past", "%(num)d year", "%(num)d years", 1),
    npgettext_lazy("naturaltime-past", "%(num)d month", "%(num)d months", 1),
    npgettext_lazy("naturaltime-past", "%(num)d week", "%(num)d weeks", 1),
    npgettext_lazy("naturaltime-past", "%(num)d day", "%(num)d days", 1),
    npgettext_lazy("naturaltime-past", "%(num)d hour", "%(num)d hours", 1),
    npgettext_lazy("naturaltime-past", "%(num)d minute", "%(num)d minutes", 1),
    npgettext_lazy("naturaltime-future", "%(num)d year", "%(num)d years", 1),
    npgettext_lazy("naturaltime-future", "%(num)d month", "%(num)d months", 1),
    npgettext_lazy("naturaltime-future", "%(num)d week", "%(num)d weeks", 1),
    npgettext_lazy("naturaltime-future", "%(num)d day", "%(num)d days", 1),
    npgettext_lazy("naturaltime-future", "%(num)d hour", "%(num)d hours", 1),
    npgettext_lazy("naturaltime-future", "%(num)d minute", "%(num)d minutes", 1),
    _("Search"),
    _("More actions"),
    _("Actions"),
    _("Button text is empty"),
    _("Use meaningful text for screen reader users"),
    _("Empty heading found"),
    _("Table header text is empty"),
    _("Empty frame title found"),
    _("Use a meaningful title for screen reader users"),
    _("Incorrect heading hierarchy"),
    _("Avoid skipping levels"),
    _("Input button text is empty"),
    _("Link text is empty"),
    _("Misusing paragraphs as headings"),
    _("Use proper heading tags"),
    _("Image alt text has inappropriate pattern"),
    _("Use meaningful text"),
    _("Meta description is empty"),
    _("Add a concise description for search engines"),
    ngettext_lazy(
        "It will also delete 1 translation and its combined %(translation_descendant_count)s translated child page.",
        "It will also delete 1 translation and its combined %(translation_descendant_count)s translated child pages.",
        1,
    ),
    ngettext_lazy(
        "It will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child page.",
        "It will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child pages.",
        1,
    ),
    ngettext_lazy(
        "Deleting this page will also delete 1 translation and its combined %(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete 1 translation and its combined %(translation_descendant_count)s translated child pages.",
        1,
    ),
    ngettext_lazy(
        "Deleting this page will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child page.",
        "Deleting this page will also delete %(translation_count)s translations and their combined %(translation_descendant_count)s translated child pages.",
        1,
    ),
    ngettext_lazy(
        "Deleting this page will also delete %(translation_count)s translation of this page.",
        "This will also delete %(descendant_count)s more child pages. Deleting this page will also delete %(translation_count)s translations of this page.",
        1,
    ),
    ngettext_lazy(
        "This page has one subpage and its translations have a combined one translated child page. Unpublish these too",
        "This page has %(live_descendant_count)s child pages and its translations have a combined one translated child page. Unpublish these too",
        1,
    ),
    ngettext_lazy(
        "This page has one child page and its translations have a combined %(translation_descendant_count)s translated child pages. Unpublish these too",
        "This page has %(live_descendant_count)s child pages and its translations have a combined %(translation_descendant_count)s translated child pages. Unpublish these too",
        1,
    ),
    ngettext_lazy(
        "This action will delete <b>%(total_pages_formatted)s</b> page in total.",
        "This action will delete <b>%(total_pages_formatted)s</b> pages in total.",
        1,
    ),
    _('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage "%(task)s".'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage "%(task)s"'
    ),
    _('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    _(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s" by %(rejector)s.'
    ),
    _(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow "%(workflow)s".'
    ),
    _('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
    _(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s" by %(requester)s.'
    ),
    _(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow "%(workflow)s".'
    ),
    _('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
]
