// libhdf5 (1.10+, serial) for Swift.
// Swift cannot import the H5T_NATIVE_* / H5P_* macros (they expand to library globals read after
// H5open()), nor versioned function macros; static inline functions expose them here.
// Note: SwiftPM does not notice edits to this header: clean the build after editing it.
#ifndef CORTEXKIT_CHDF5_SHIM_H
#define CORTEXKIT_CHDF5_SHIM_H
#include <hdf5.h>

static inline hid_t ck_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t ck_h5s_all(void) { return H5S_ALL; }
static inline hid_t ck_h5p_file_access(void) { H5open(); return H5P_FILE_ACCESS; }
static inline hid_t ck_h5p_dataset_create(void) { H5open(); return H5P_DATASET_CREATE; }
static inline hid_t ck_h5p_link_create(void) { H5open(); return H5P_LINK_CREATE; }
static inline hid_t ck_h5p_group_create(void) { H5open(); return H5P_GROUP_CREATE; }
static inline unsigned ck_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned ck_h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned ck_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }
static inline unsigned ck_h5f_acc_excl(void) { return H5F_ACC_EXCL; }
static inline size_t ck_h5t_variable(void) { return H5T_VARIABLE; }
static inline hid_t ck_h5e_default(void) { return H5E_DEFAULT; }

static inline hid_t ck_h5t_native_int8(void) { H5open(); return H5T_NATIVE_INT8; }
static inline hid_t ck_h5t_native_int16(void) { H5open(); return H5T_NATIVE_INT16; }
static inline hid_t ck_h5t_native_int32(void) { H5open(); return H5T_NATIVE_INT32; }
static inline hid_t ck_h5t_native_int64(void) { H5open(); return H5T_NATIVE_INT64; }
static inline hid_t ck_h5t_native_uint8(void) { H5open(); return H5T_NATIVE_UINT8; }
static inline hid_t ck_h5t_native_uint16(void) { H5open(); return H5T_NATIVE_UINT16; }
static inline hid_t ck_h5t_native_uint32(void) { H5open(); return H5T_NATIVE_UINT32; }
static inline hid_t ck_h5t_native_uint64(void) { H5open(); return H5T_NATIVE_UINT64; }
static inline hid_t ck_h5t_native_float(void) { H5open(); return H5T_NATIVE_FLOAT; }
static inline hid_t ck_h5t_native_double(void) { H5open(); return H5T_NATIVE_DOUBLE; }
static inline hid_t ck_h5t_c_s1(void) { H5open(); return H5T_C_S1; }
static inline hid_t ck_h5t_std_ref_obj(void) { H5open(); return H5T_STD_REF_OBJ; }

/// Silences HDF5's automatic error printing for the calling thread and clears its error stack.
/// Call after every failed HDF5 call (see native-libs.md: the thread-safe build otherwise prints
/// "infinite loop closing library" at exit).
static inline void ck_h5_silence_and_clear(void) {
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    H5Eclear2(H5E_DEFAULT);
}

/// The library version, e.g. 1.10.8.
static inline void ck_h5_version(unsigned *major, unsigned *minor, unsigned *release) {
    H5get_libversion(major, minor, release);
}
#endif
