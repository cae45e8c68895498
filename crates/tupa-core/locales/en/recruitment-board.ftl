# Recruitment: board.

## Public job board
board-footer-link = Open positions
board-heading-installation = Open positions
board-heading-org = Open positions – { $org }
board-heading-unit = Open positions – { $unit }, { $org }
board-logo-alt = { $org }, logo
board-search-label = Search jobs
board-search = Search words
board-filter-municipality = Municipality
board-filter-organisation = Employer
board-filter-employment-type = Duration
board-filter-working-time = Working time
board-filter-language = Language of the ad
board-filter-any = All
board-filter-any-language = All languages
board-search-submit = Search
# $count: the number of open ads found
board-count = Open positions: { $count }
board-clear-filters = Show all open positions
board-none-matching = No open positions match the search. Try fewer conditions.
board-none-open = There are no open positions right now.
# $time: the deadline in Helsinki time, e.g. 15.12.2026 16.00
board-deadline = Applications close { $time }
board-pagination = Pages
board-previous = Previous page
board-next = Next page
board-page = Page
board-follow = Follow open positions as a feed:
board-rss = RSS feed
board-atom = Atom feed
board-opens-new-tab = (opens in a new tab)
board-embed-all = All open positions
board-ad-closed = Applications for this position have closed.
board-ad-closed-at = Applications closed { $time }.
board-see-open = See the open positions of { $org }
board-ad-languages = Language of the ad
board-apply = Apply for this position
board-facts = About the position
board-fact-municipality = Municipality
board-fact-workplace = Workplace address
board-fact-employment-type = Duration
board-fact-working-time = Working time
board-fact-vacancies = Vacancies
board-fact-deadline = Applications close
board-contacts = For more information
board-controller = The controller of the personal data in your application is { $org }.
board-privacy-notice = Privacy notice
board-feed-author-installation = Tupa
board-feed-description-org = Open positions of { $org }
board-feed-description-installation = Open positions of every organisation in the service
