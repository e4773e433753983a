/// Colours for categorical series (models, areas): the Okabe–Ito palette, distinguishable under
/// the common colour-vision deficiencies (Okabe & Ito 2008, "Color Universal Design").
/// Series beyond eight reuse the colours in order; use `LineStyle` to tell them apart.
enum SeriesPalette {
    /// The eight colours, in the order assigned to series.
    static let colors: [RGBColor] = [0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                            0xE69F00, 0x56B4E9, 0x000000, 0xF0E442].map(RGBColor.init(hex:))

    /// The colour of series `index` (cycling).
    static func color(_ index: Int) -> RGBColor {
        colors[((index % colors.count) + colors.count) % colors.count]
    }
}
