from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Pages in the order rows were created, stable while rows are added.

    A cursor, not a page number: a client walking a large list never sees a row
    twice or misses one because another was added meanwhile.
    """

    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
