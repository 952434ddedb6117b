from django.http import FileResponse, Http404


def stored_file(field_file, *, content_type: str | None, filename: str | None = None):
    """An uploaded file as a response: a download when `filename` is given, 404 when the file
    is not set or has gone missing from storage, and never content-sniffed by the browser."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=filename is not None,
                            filename=filename or "", content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
