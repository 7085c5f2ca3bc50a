package export

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// a4 is excelize's (and Excel's) number for A4 paper.
const a4 = 9

// The widths, in Excel's character units (about 7 pixels, 1.9 mm), that print on one A4 page
// across at 100 % within the default margins: portrait and landscape.
const (
	portraitWidth  = 90
	landscapeWidth = 135
)

// pageSetup is how one sheet prints.
type pageSetup struct {
	title, period, page string
	// width is the printed columns' total width, in Excel's character units.
	width float64
	// titles repeats the sheet's first row (its table's header) on every page.
	titles bool
	// area, if set, is the printed range ("A1:H80"): what lies outside it (chart labels) is not
	// printed.
	area string
}

// printSetup makes sheet print on A4, portrait when its columns fit across a portrait page and
// landscape otherwise; only a sheet wider than a landscape page is scaled down to its width, never
// to a number of pages tall, so print stays readable and a long sheet runs on as many pages as it
// takes. The title is in the page header, the period, sheet name and "page n/m" in the footer.
func printSetup(f *excelize.File, sheet string, p pageSetup) error {
	size, orientation := a4, "portrait"
	if p.width > portraitWidth {
		orientation = "landscape"
	}
	layout := &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation}
	fit := p.width > landscapeWidth
	if fit {
		wide, tall := 1, 0
		layout.FitToWidth, layout.FitToHeight = &wide, &tall
	} else {
		scale := uint(100)
		layout.AdjustTo = &scale
	}
	if err := f.SetPageLayout(sheet, layout); err != nil {
		return fmt.Errorf("export: page layout of %s: %w", sheet, err)
	}
	// Fit-to settings count only with the sheet's fitToPage flag on.
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("export: page fit of %s: %w", sheet, err)
	}
	margin, edge := 0.6, 0.3 // inches: room for the header and footer
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &margin, Right: &margin, Top: &margin, Bottom: &margin, Header: &edge, Footer: &edge,
	}); err != nil {
		return fmt.Errorf("export: margins of %s: %w", sheet, err)
	}
	if p.titles {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: quoteSheet(sheet) + "!$1:$1", Scope: sheet,
		}); err != nil {
			return fmt.Errorf("export: print titles of %s: %w", sheet, err)
		}
	}
	if p.area != "" {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Area", RefersTo: quoteSheet(sheet) + "!" + p.area, Scope: sheet,
		}); err != nil {
			return fmt.Errorf("export: print area of %s: %w", sheet, err)
		}
	}
	// Excel allows 255 characters in each; the codes and page words take about 40.
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C&B" + hfText(p.title, 150),
		OddFooter: "&L" + hfText(p.period, 60) + "&C&A&R" + p.page,
	}); err != nil {
		return fmt.Errorf("export: page header of %s: %w", sheet, err)
	}
	return nil
}
