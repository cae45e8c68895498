# The work queue at scale (pages, capped counts, relevance order).
error-cursor-invalid = The page position does not fit these filters. Start from the top of the queue.
# A count taken only up to the cap, for example "1,000+".
desk-count-more = { $count }+
desk-next-page = Next page
desk-first-page = First page
desk-pages = Queue pages
desk-sort-relevance = Best matches first (search)
