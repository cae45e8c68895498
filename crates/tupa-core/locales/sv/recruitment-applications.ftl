# Recruitment: applications.
