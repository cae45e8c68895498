# Recruitment: jobmarket.
# The national job market sender and general texts for ads.

## An ad's state at Job Market Finland
recruitment-jobmarket-state-not-sent = Not sent to Job Market Finland
recruitment-jobmarket-state-pending = Waiting to be sent
recruitment-jobmarket-state-archive-pending = Waiting to be archived
# $attempt: the number of the next attempt
recruitment-jobmarket-state-retrying = Waiting to retry (attempt { $attempt })
recruitment-jobmarket-state-archive-retrying = Archiving waits to retry (attempt { $attempt })
# $time: e.g. 24.11.2026 14.05
recruitment-jobmarket-state-sent = Sent to Job Market Finland { $time }
recruitment-jobmarket-state-archived = Archived at Job Market Finland { $time }
recruitment-jobmarket-state-not-configured = Not sent: the organisation has no job market credentials
recruitment-jobmarket-state-secret-unreadable = Not sent: the saved job market credentials cannot be read
# $reason: a short phrase such as "occupation code missing"
recruitment-jobmarket-state-not-sendable-one = Not sent: { $reason }
recruitment-jobmarket-state-not-sendable-many = Not sent: { $count } things to fix
recruitment-jobmarket-state-failed = Sending failed
recruitment-jobmarket-state-archive-failed = Archiving failed
recruitment-jobmarket-detail-no-credentials = A main admin can add the interface credentials on the organisation's Job Market Finland page.
recruitment-jobmarket-detail-secret-unreadable = The server's secret key has changed since they were saved. A main admin must enter the password or token again.
recruitment-jobmarket-detail-unavailable = Job Market Finland did not answer ({ $reason }).
recruitment-jobmarket-detail-next-attempt = Next attempt { $time }.
recruitment-jobmarket-short-no-business-id = business ID missing
recruitment-jobmarket-short-no-occupation = occupation code missing
recruitment-jobmarket-short-invalid-occupation = occupation code invalid
recruitment-jobmarket-short-no-region = region missing
recruitment-jobmarket-short-no-texts = text missing
recruitment-jobmarket-short-no-title = title missing
recruitment-jobmarket-short-no-description = description missing
recruitment-jobmarket-short-no-vacancies = number of vacancies missing
recruitment-jobmarket-short-invalid-postal-code = postal code invalid
recruitment-jobmarket-short-deadline-passed = the application period has ended

## The organisation's Job Market Finland page
recruitment-jobmarket-page-title = Job Market Finland
recruitment-jobmarket-page-intro = Published ads are sent to Job Market Finland (Työmarkkinatori) through its import interface as the organisation itself: under its business ID, with the credentials issued to it. A changed ad is sent again, and a closed one is archived there.
recruitment-jobmarket-business-id = Business ID
recruitment-jobmarket-business-id-missing = The organisation has no valid business ID, so no ad can be sent. Add it in the organisation's settings.
recruitment-jobmarket-business-id-link = Organisation settings
recruitment-jobmarket-connection = Interface credentials
recruitment-jobmarket-connection-set = Credentials are saved. The password or token is stored encrypted and is never shown.
recruitment-jobmarket-connection-not-set = No credentials are saved, so ads are not sent to Job Market Finland.
label-jobmarket-endpoint = Interface address
hint-jobmarket-endpoint = The address Job Market Finland gave, starting with https://
label-jobmarket-username = User name
hint-jobmarket-username = Leave empty if you were given a token instead of a user name and password.
label-jobmarket-secret = Password or token
hint-jobmarket-secret-kept = A password or token is saved. Leave this empty to keep it.
hint-jobmarket-secret-new = Required.
recruitment-jobmarket-save = Save credentials
recruitment-jobmarket-clear = Remove credentials
recruitment-jobmarket-clear-confirm = Remove the Job Market Finland credentials? Ads are not sent until new ones are saved.
recruitment-jobmarket-ads = The organisation's ads at Job Market Finland
recruitment-jobmarket-ads-none = No ads have been published yet.
recruitment-jobmarket-col-ad = Ad
recruitment-jobmarket-col-deadline = Application deadline
recruitment-jobmarket-col-state = Job Market Finland
recruitment-jobmarket-untitled = (untitled)
notice-jobmarket-saved = The credentials were saved.
notice-jobmarket-cleared = The credentials were removed.
error-jobmarket-endpoint-invalid = Enter the interface address starting with https://, for example https://api.example.fi/import/v2 (not an address inside the server's own network).
error-jobmarket-username-invalid = The user name is too long or contains line breaks.
error-jobmarket-secret-invalid = The password or token is too long or contains line breaks.
error-jobmarket-secret-required = Enter the password or token issued for the interface.

## General texts for ads
recruitment-texts-title = General texts for ads
recruitment-texts-intro = Paragraphs used in many ads, such as a presentation of the organisation or a note that a criminal-record extract is required. Recruiters insert them into an ad's description from the ad form.
recruitment-texts-none = No general texts yet.
recruitment-texts-add = Add a general text
recruitment-texts-readonly = Main admins manage these texts; you can insert them into ads.
recruitment-texts-no-language = No text in this language.
recruitment-texts-retired = Retired
label-recruitment-text-name = Name
hint-recruitment-text-name = Recruiters pick the text by its name.
label-recruitment-text-fi = Text in Finnish
label-recruitment-text-sv = Text in Swedish
label-recruitment-text-en = Text in English
# $name: the text's name
recruitment-texts-save = Save "{ $name }"
recruitment-texts-retire = Retire "{ $name }"
recruitment-texts-retire-confirm = Retire the general text "{ $name }"? Ads that already contain it keep their copy.
notice-recruitment-text-saved = The general text was saved.
notice-recruitment-text-retired = The general text was retired.
error-recruitment-text-name-invalid = The name is one line of at most 100 characters.
error-recruitment-text-language-required = Write the text in at least one language.
error-recruitment-text-name-taken = Another general text already has this name.
error-recruitment-text-too-many = The organisation already has 200 general texts. Retire those no longer used.
