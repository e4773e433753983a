/// CortexNWB: readers for Neurodata Without Borders files (Allen Brain Observatory Neuropixels and
/// 2-photon sessions) and stimulus-aligned response matrices. Built on CortexHDF5.
///
/// Data flow: ``NWBSession`` → ``UnitTable`` (+ ``ElectrodeTable``) and ``StimulusPresentations``
/// → ``MovieRepeats`` → ``StimulusResponses`` → ``AreaResponses`` → ``ResponseFile`` (pooled: ``ResponseFile/init(pooling:)``).
/// 2-photon: ``CalciumTraces`` + (``ImagingFrameStimulus`` or ``MovieRepeats``) → ``CalciumResponses``;
/// movie frames: ``MovieFrames``. Errors: ``NWBError`` (file, dataset path, what was wrong).
public enum CortexNWB {}
