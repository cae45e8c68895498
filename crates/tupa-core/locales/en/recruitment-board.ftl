# Recruitment: board.
