/// CortexNWB: readers for Neurodata Without Borders files (Allen Brain Observatory Neuropixels and
/// 2-photon sessions) and stimulus-aligned response matrices. Built on CortexHDF5.
///
/// Data flow: ``NWBSession`` → ``UnitTable`` (+ ``ElectrodeTable``) and ``StimulusPresentations``
/// → ``MovieRepeats`` → ``StimulusResponses`` → ``AreaResponses`` → pooled pseudo-populations.
public enum CortexNWB {}
