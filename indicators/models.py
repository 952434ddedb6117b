# Indicator, Observation, Target … arrive with the indicators issue.
