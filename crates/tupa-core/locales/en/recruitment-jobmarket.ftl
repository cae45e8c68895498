# Recruitment: jobmarket.
