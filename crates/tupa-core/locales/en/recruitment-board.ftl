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

## Publishing page for the web team
board-publishing-title = Publishing on web sites
board-publishing-intro = The organisation's open positions are shown to everyone on a public page:
board-logo-heading = Logo
board-logo-none = No logo has been uploaded yet. Ads are shown without one.
# $size: the uploaded image's size, e.g. 1620 × 550
board-logo-size = (uploaded image { $size } px)
# $name: the organisation's or unit's name
board-logo-remove = Remove the logo: { $name }
board-logo-target = Whose logo
board-logo-target-hint = A unit without a logo of its own uses the organisation's.
board-logo-file = Logo file
board-logo-hint = A JPEG or PNG image, at least 810 × 275 px and in those proportions (the width about 2.95 times the height), at most 20 MB.
board-logo-upload = Upload the logo
board-logo-by-admin = The organisation's main admin changes the logo.
board-logo-missing = Choose an image file to upload.
board-logo-upload-too-large = The file is too large. A logo can be at most 20 MB.
notice-board-logo-saved = The logo was saved. Ads and feeds show it at once.
notice-board-logo-removed = The logo was removed.
board-addresses-heading = Addresses of the pages and feeds
board-addresses-intro = Each language's address shows only the ads written in that language. A unit's page and feed include the ads of the units below it. Feeds change the moment an ad opens or closes.
board-addresses-board = Page
board-addresses-page = Job page
board-addresses-embed = Embeddable list
board-addresses-all-languages = all languages
board-snippets-heading = Ready links for the home page and intranet
board-snippets-intro = Copy the HTML to the site's web team. The links work without a feed reader.
# $language: a language's own name, e.g. suomi
board-snippet-links = Links, { $language }
board-snippet-embed = Embeddable list, { $language }
board-embed-intro = The embeddable list shows the open positions right on the page (an iframe, no scripts). Its links open in a new tab.
