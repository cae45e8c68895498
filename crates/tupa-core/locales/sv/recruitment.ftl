# Recruitment: job ads, the public job board, applications.
