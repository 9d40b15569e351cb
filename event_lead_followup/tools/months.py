# The months of a yearly date or a monthly figure, as a selection ("1".."12").
# The labels are translated in the catalogue of each addon whose field uses it.
MONTHS = [
    ("1", "January"),
    ("2", "February"),
    ("3", "March"),
    ("4", "April"),
    ("5", "May"),
    ("6", "June"),
    ("7", "July"),
    ("8", "August"),
    ("9", "September"),
    ("10", "October"),
    ("11", "November"),
    ("12", "December"),
]
