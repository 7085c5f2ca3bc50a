package export

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// a4 is excelize's (and Excel's) number for A4 paper.
const a4 = 9

// printSetup makes sheet print on A4 landscape, one page wide and as many tall as it takes,
// its first row repeated at the top of every page, the title in the page header and the
// period, sheet name and "page n/m" (page, in Excel's codes) in the footer.
func printSetup(f *excelize.File, sheet, title, period, page string) error {
	size, landscape, wide, tall, fit := a4, "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return fmt.Errorf("export: page layout of %s: %w", sheet, err)
	}
	// Fit-to settings count only with the sheet's fitToPage flag on.
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("export: page fit of %s: %w", sheet, err)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sheet) + "!$1:$1", Scope: sheet,
	}); err != nil {
		return fmt.Errorf("export: print titles of %s: %w", sheet, err)
	}
	// Excel allows 255 characters in each; the codes and page words take about 40.
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C&B" + hfText(title, 150),
		OddFooter: "&L" + hfText(period, 60) + "&C&A&R" + page,
	}); err != nil {
		return fmt.Errorf("export: page header of %s: %w", sheet, err)
	}
	return nil
}
