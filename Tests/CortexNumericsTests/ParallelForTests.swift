import Synchronization
import Testing
@testable import CortexNumerics

@Suite("ParallelFor")
struct ParallelForTests {
    @Test("chunks cover 0..<count exactly once, for counts around the worker count",
          arguments: [0, 1, 2, 3, 7, 64, 1001])
    func coversEveryIndexOnce(count: Int) {
        let hits = Mutex([Int](repeating: 0, count: count))
        ParallelFor.run(count: count, workers: 4) { range in
            hits.withLock { h in for i in range { h[i] += 1 } }
        }
        #expect(hits.withLock { $0.allSatisfy { $0 == 1 } })
    }

    @Test("map returns results in index order")
    func mapOrder() {
        let squares = ParallelFor.map(count: 500, workers: 3) { $0 * $0 }
        #expect(squares == (0..<500).map { $0 * $0 })
    }

    // (That the thread count is restored afterwards is not asserted here: other suites may hold a
    // region open concurrently, which legitimately keeps BLAS at one thread.)
    @Test("BLAS runs single-threaded inside a parallel region")
    func blasThreadsInsideRegion() {
        let inside = Mutex<[Int]>([])
        ParallelFor.run(count: 8, workers: 2) { _ in
            let t = BLASRuntime.threads
            inside.withLock { $0.append(t) }
        }
        #expect(inside.withLock { $0.count == 2 && $0.allSatisfy { $0 == 1 } })
    }

    @Test("BLAS products inside parallel chunks equal serial ones")
    func blasInsideChunks() {
        let a = NDArray<Double>(shape: [40, 30], generating: { Double($0 % 13) - 6 })
        let serial = LinearAlgebra.gram(a)
        let results = ParallelFor.map(count: 6, workers: 2) { _ in LinearAlgebra.gram(a) }
        #expect(results.allSatisfy { $0 == serial })
    }
}
