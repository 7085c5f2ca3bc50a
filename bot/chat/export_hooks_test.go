package chat

// SetMaxUploadForTest lowers the largest file the bot sends, for tests of a split export; the
// returned func restores it.
func SetMaxUploadForTest(n int) func() {
	old := maxUpload
	maxUpload = n
	return func() { maxUpload = old }
}
