package programme

// seedFile returns the embedded seed programme file.
func seedFile() []byte { return append([]byte(nil), seedYAML...) }

// examplePlanFile returns the example programme file that extends the seed with an example plan of
// activities. Its activities are illustrations, not the programme's real plan.
func examplePlanFile() []byte { return append([]byte(nil), examplePlanYAML...) }
