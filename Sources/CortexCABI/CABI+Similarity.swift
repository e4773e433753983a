import CortexKit
import Foundation

/// One similarity score between two frames × units matrices (rows = frames), with the
/// statistics asked for — `cortex similarity METRIC A B --json` on matrices in memory.
///
/// `options_json`: the metric options of ``MetricRequest`` and `permutations`, `shuffle`
/// (`circular`, `blocks`), `min_shift`, `block_length`, `bootstrap`, `resample` (`neurons`,
/// `frames`), `level`, `ci_method`, `seed`, with the command's defaults. `*result_json` receives
/// ``SimilarityReport``.
@_cdecl("ck_similarity")
public func ck_similarity(
    _ metric: UnsafePointer<CChar>?,
    _ a: UnsafeRawPointer?, _ aRows: Int64, _ aColumns: Int64, _ aRowStride: Int64, _ aColumnStride: Int64, _ aDType: Int32,
    _ b: UnsafeRawPointer?, _ bRows: Int64, _ bColumns: Int64, _ bRowStride: Int64, _ bColumnStride: Int64, _ bDType: Int32,
    _ optionsJSON: UnsafePointer<CChar>?,
    _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    CABIStrings.status(result: resultJSON, error: error) {
        let x = try CMatrixView("a", data: a, rows: aRows, columns: aColumns, rowStride: aRowStride,
                                columnStride: aColumnStride, dtype: aDType)
        let y = try CMatrixView("b", data: b, rows: bRows, columns: bColumns, rowStride: bRowStride,
                                columnStride: bColumnStride, dtype: bDType)
        var options = try CABIOptions(json: CABIStrings.text(optionsJSON))
        let request = try SimilarityRequest(metric: CABIStrings.text(metric) ?? "", options: &options)
        return try request.run(x, y).json()
    }
}
