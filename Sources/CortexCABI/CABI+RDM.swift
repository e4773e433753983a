import CortexKit
import Foundation

/// The frames × frames RDM of a frames × units matrix under `distance` (`correlation`,
/// `spearman`, `euclidean`, `sqeuclidean-per-channel`, `cosine`: ``RDMDistance``), written
/// row-major into `out`, which holds rows × rows Float64 values.
@_cdecl("ck_rdm")
public func ck_rdm(
    _ data: UnsafeRawPointer?, _ rows: Int64, _ columns: Int64, _ rowStride: Int64, _ columnStride: Int64, _ dtype: Int32,
    _ distance: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<Double>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CABIStrings.status(result: nil, error: error) {
        let view = try CMatrixView("x", data: data, rows: rows, columns: columns, rowStride: rowStride,
                                   columnStride: columnStride, dtype: dtype)
        let name = CABIStrings.text(distance) ?? ""
        guard let chosen = RDMDistance(rawValue: name) else {
            throw CABIError("distance: unknown value \"\(name)\" (one of " + RDMDistance.allCases.map(\.rawValue).joined(separator: ", ") + ")")
        }
        guard let out else { throw CABIError("out: no buffer (NULL pointer)") }
        let rdm = switch view.element {           // streamed from the caller's memory
        case .float32: try RDM(source: CallerColumnSource<Float>(view), distance: chosen)
        case .float64: try RDM(source: CallerColumnSource<Double>(view), distance: chosen)
        }
        let n = rdm.conditionCount
        for i in 0..<n {
            for j in 0..<n { out[i * n + j] = rdm[i, j] }
        }
        return nil
    }
}
