/// An opaque sRGB colour with 8 bits per channel.
///
/// ```swift
/// RGBColor(red: 68, green: 1, blue: 84).hex   // "#440154"
/// ```
public struct RGBColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a 24-bit `0xRRGGBB` literal.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, lower case (for SVG/CSS attributes).
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for channel in [red, green, blue] {
            text.append(digits[Int(channel >> 4)])
            text.append(digits[Int(channel & 0xF)])
        }
        return text
    }

    /// Relative luminance (ITU-R BT.709 weights on gamma-encoded channels; good enough to choose
    /// black or white text on a cell), in [0, 1].
    public var luminance: Double {
        (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    /// Linear interpolation between two colours in sRGB space; `t` is clamped to [0, 1].
    public static func interpolate(_ a: RGBColor, _ b: RGBColor, _ t: Double) -> RGBColor {
        let t = min(1, max(0, t))
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded())
        }
        return RGBColor(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
    }

    /// The grey used for missing (NaN) values in every figure.
    public static let missing = RGBColor(hex: 0xBDBDBD)
}
