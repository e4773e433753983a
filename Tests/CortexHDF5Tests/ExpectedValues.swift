/// The contents of `Fixtures/expected.json`: every value `make_hdf5_fixtures.py` wrote.
struct ExpectedValues: Decodable {
    struct Integers: Decodable {
        let int8: [Int8]
        let int16: [Int16]
        let int32: [Int32]
        let int64: [Int64]
        let uint8: [UInt8]
        let uint16: [UInt16]
        let uint32: [UInt32]
        let uint64: [UInt64]
    }

    struct Floats: Decodable {
        let float32: [Float]
        let float64: [Double]
        let int32_be: [Int32]
    }

    struct Numeric: Decodable {
        let integers: Integers
        let floats: Floats
        let bool: [Bool]
        let matrix_3x4: [Double]
        let cube_2x3x4: [Int32]
        let chunked_gzip: [Float]
        let scalar_float: Double
        let scalar_int: Int16
    }

    struct Strings: Decodable {
        let vlen_utf8: [String]
        let vlen_ascii: [String]
        let fixed_nullpad: [String]
        let fixed_spacepad: [String]
        let fixed_utf8: [String]
        let vlen_2x2: [String]
        let scalar_vlen: String
        let scalar_fixed: String
    }

    struct RootAttributes: Decodable {
        let title: String
        let colnames: [String]
        let fixed_ascii: String
        let rate: Double
        let counts: [Int32]
        let big: UInt64
    }

    struct Timeseries: Decodable {
        let idx_start: [Int32]
        let count: [Int32]
        let timeseries: [String]
    }

    struct Structure: Decodable {
        let root_attributes: RootAttributes
        let values: [Double]
        let group_refs: [String]
        let timeseries: Timeseries
    }

    struct Ragged: Decodable {
        let spike_times: [Double]
        let spike_times_index: [Int64]
        let flavours: [String]
    }

    struct Latest: Decodable {
        let data: [Double]
        let shape: [Int]
    }

    struct Versions: Decodable {
        let h5py: String
        let hdf5: String
        let numpy: String
    }

    let numeric: Numeric
    let strings: Strings
    let structure: Structure
    let ragged: Ragged
    let latest: Latest
    let versions: Versions
}
