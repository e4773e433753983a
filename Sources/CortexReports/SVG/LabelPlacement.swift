/// Places text labels next to points so that no two labels overlap and no label covers another
/// point: each label tries, in order, right-above, right-below, left-above, left-below of its
/// point, then the same four sides stepped further up and down, and takes the first spot that is
/// free and inside the plot area (the first candidate when none is).
///
/// Widths are estimated (0.6 em per character), so the layout is deterministic and needs no font.
struct LabelPlacement {
    /// Where one label goes: the text's anchor point and side.
    struct Spot: Equatable {
        var x: Double
        var y: Double
        var anchor: SVGCanvas.TextAnchor
    }

    struct Box {
        var left, top, right, bottom: Double
        func intersects(_ o: Box) -> Bool { left < o.right && o.left < right && top < o.bottom && o.top < bottom }
    }

    var area: PlotArea
    var fontSize: Double
    /// Radius kept clear around every point.
    var pointRadius: Double = 6

    /// One spot per label (nil labels get nil), in the order of `points`.
    func place(points: [(x: Double, y: Double, label: String?)]) -> [Spot?] {
        var taken: [Box] = points.map { Box(left: $0.x - pointRadius, top: $0.y - pointRadius,
                                            right: $0.x + pointRadius, bottom: $0.y + pointRadius) }
        var spots = [Spot?](repeating: nil, count: points.count)
        // Top to bottom, so crowded clusters spread in a stable order.
        for i in points.indices.sorted(by: { (points[$0].y, points[$0].x) < (points[$1].y, points[$1].x) }) {
            guard let label = points[i].label else { continue }
            let width = Double(label.count) * 0.6 * fontSize, height = fontSize
            let (px, py) = (points[i].x, points[i].y)
            var candidates: [Spot] = []
            for step in 0..<4 {
                let lift = Double(step) * height
                candidates += [Spot(x: px + 7, y: py - 5 - lift, anchor: .start), Spot(x: px + 7, y: py + height + 3 + lift, anchor: .start),
                               Spot(x: px - 7, y: py - 5 - lift, anchor: .end), Spot(x: px - 7, y: py + height + 3 + lift, anchor: .end)]
            }
            func box(_ s: Spot) -> Box {
                let left = s.anchor == .start ? s.x : s.x - width
                return Box(left: left, top: s.y - height * 0.85, right: left + width, bottom: s.y + height * 0.2)
            }
            func inside(_ b: Box) -> Bool {
                b.left >= area.x && b.right <= area.right && b.top >= area.y && b.bottom <= area.y + area.height
            }
            let chosen = candidates.first { c in let b = box(c); return inside(b) && !taken.contains { $0.intersects(b) } }
                ?? candidates.first { inside(box($0)) } ?? candidates[0]
            taken.append(box(chosen))
            spots[i] = chosen
        }
        return spots
    }
}
