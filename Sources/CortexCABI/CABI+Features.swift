import CortexKit
import Foundation

/// Writes a feature file (`cortexkit-features/1`, atomically): `header_json` is
/// `{"model", "frames", "layers": [{"name", "depth", "shape"}], "movie", "movie_sha256",
/// "protocol"}`; `features[k]` holds layer k's frames × units Float32 values (row-major), units =
/// the product of its `shape`.
@_cdecl("ck_features_write")
public func ck_features_write(
    _ path: UnsafePointer<CChar>?, _ headerJSON: UnsafePointer<CChar>?, _ layerCount: Int64,
    _ features: UnsafePointer<UnsafePointer<Float>?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CABIStrings.status(result: nil, error: error) {
        struct Header: Decodable {
            struct Layer: Decodable { var name: String; var depth: Int; var shape: [Int] }
            var model: String
            var frames: Int
            var layers: [Layer]
            var movie: String?
            var movieSHA256: String?
            var featureProtocol: String?
            enum CodingKeys: String, CodingKey { case model, frames, layers, movie, movieSHA256 = "movie_sha256", featureProtocol = "protocol" }
        }
        guard let target = CABIStrings.text(path), !target.isEmpty else { throw CABIError("path: empty") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data((CABIStrings.text(headerJSON) ?? "").utf8))
        } catch let error as DecodingError {
            throw CABIError("feature header: \(ResponseHeader.describe(error))")
        }
        guard header.layers.count == Int(layerCount), let features, !header.layers.isEmpty else {
            throw CABIError("layers: the header names \(header.layers.count) layers but \(layerCount) were passed")
        }
        guard header.frames >= 1, Set(header.layers.map(\.name)).count == header.layers.count else {
            throw CABIError("layers: need at least one frame and distinct layer names")
        }
        var entries: [(layer: FeatureFile.Layer, features: NDArray<Float>)] = []
        for (k, layer) in header.layers.enumerated() {
            guard let data = features[k] else { throw CABIError("\(layer.name): no features (NULL pointer)") }
            guard !layer.name.isEmpty, !layer.name.hasPrefix("/"), layer.shape.allSatisfy({ $0 >= 1 }),
                  let units = layer.shape.reduce(1 as Int?, { p, d in p.flatMap { $0.multipliedReportingOverflow(by: d).overflow ? nil : $0 * d } }),
                  units <= 1 << 31 else {
                throw CABIError("\(layer.name): invalid layer name or shape \(layer.shape)")
            }
            let values = Array(UnsafeBufferPointer(start: data, count: header.frames * units))
            entries.append((FeatureFile.Layer(name: layer.name, depth: layer.depth, unitShape: layer.shape),
                            NDArray(shape: [header.frames, units], scalars: values)))
        }
        try FeatureFile.write(to: URL(fileURLWithPath: target), model: header.model, layers: entries, movie: header.movie ?? "",
                              movieSHA256: header.movieSHA256 ?? "", featureProtocol: header.featureProtocol ?? "")
        return nil
    }
}
