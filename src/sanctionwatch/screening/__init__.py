"""Screening: is this ship, company or person designated, under any name?"""
