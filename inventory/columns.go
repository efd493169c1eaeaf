package inventory

// Column is the column hcl gives the byte at offset off of line: 1 plus the
// grapheme clusters before it, counted as the decoder counts them.
func Column(line []byte, off int) int {
	return 1 + clusters(line[:off])
}

// ColumnOffset is the byte offset in line where column col (1-based, in
// grapheme clusters, as hcl counts) begins; len(line) for a column past its end.
func ColumnOffset(line []byte, col int) int {
	off := 0
	for n := 1; n < col && off < len(line); n++ {
		adv, _, _ := scanGraphemeClusters(line[off:], true)
		if adv == 0 {
			break
		}
		off += adv
	}
	return off
}
