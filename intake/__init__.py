"""The intake: everything a form that receives something from the public needs, done once.

Ground floor beside core/: it imports core and libraries only; the content apps import it.
The names other apps code against (the contract in docs/intake.md) are
`intake.mail.queue_email`, `intake.models.Delivery`, `intake.forms.PublicForm` /
`PublicModelForm`, `intake.pii.mask_personal_data` and `intake.personal_data.register`.
"""
