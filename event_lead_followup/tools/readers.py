"""Texts a job writes for a person are written in that person's language.

A job runs as its own user (the cron's, in English), but an activity, a
digest or a notice is read by the user it is for. ``reader_env`` gives the
environment of the job in the reader's language, so that ``env._(...)``,
selection labels and ``format_date(env, ...)`` come out as the reader reads
them:

    env = readers.reader_env(self.env, owner)
    summary = env._("Original overdue: %(document)s", document=...)
"""


def reader_lang(env, user):
    """The language ``user`` reads: theirs, else the job's own."""
    return user.lang or env.lang or "en_US"


def reader_env(env, user):
    """``env`` in the language ``user`` reads."""
    lang = reader_lang(env, user)
    if lang == env.lang:
        return env
    return env(context=dict(env.context, lang=lang))
