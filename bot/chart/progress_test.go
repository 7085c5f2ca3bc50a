package chart

// Progress renders the chart in Vietnamese, as most tests look at it; see ProgressIn.
func Progress(title string, bars []Bar) ([]byte, error) { return ProgressIn("vi", title, bars) }
